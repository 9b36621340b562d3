/** `one` for a count of 1, `many` for any other: "entry" or "entries", "it" or "them", "was" or "were". */
export function oneOrMany(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

/** A count and the noun that agrees with it: "1 entry", "3 entries", "0 users". */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${oneOrMany(count, noun, plural)}`
}
