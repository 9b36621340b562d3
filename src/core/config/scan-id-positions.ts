/**
 * Line and column of each `idKey:` value in block-style YAML, in order, or undefined when the
 * text does not line up with the parsed ids one to one (flow style, block scalars, odd quoting):
 * then the caller asks the full YAML parser instead. Every found value is checked against its id.
 */
export function scanIdPositions(
  text: string,
  idKey: string,
  ids: readonly unknown[],
): { line: number; column: number }[] | undefined {
  return scanIds(text, idKey, ids, (line, column) => ({ line, column }))
}

/** `scanIdPositions`, each position made by `place`: the caller's own objects, with no copy per id. */
export function scanIds<T>(
  text: string,
  idKey: string,
  ids: readonly unknown[],
  place: (line: number, column: number) => T,
): T[] | undefined {
  const pattern = new RegExp(`^([ \\t]*(?:-[ \\t]+)?${idKey}[ \\t]*:[ \\t]*)(.*)$`, 'gm')
  const positions: T[] = []
  let line = 1
  let counted = 0
  for (const match of text.matchAll(pattern)) {
    const id = ids[positions.length]
    if (typeof id !== 'string' || !holdsScalar(match[2]!, id)) return undefined
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++
    counted = match.index
    positions.push(place(line, match[1]!.length + 1))
  }
  return positions.length === ids.length ? positions : undefined
}

/** Whether `raw` is `id` written as a one-line scalar; an id written plainly, as most are, is told at once. */
function holdsScalar(raw: string, id: string): boolean {
  return (raw === id && PLAIN.test(raw)) || scalarText(raw) === id
}

const PLAIN = /^[.A-Za-z0-9_-]+$/

/** The value of a one-line plain or quoted scalar without a trailing comment; anything else is no match. */
function scalarText(raw: string): string | undefined {
  const value = raw.replace(/[ \t]+#.*$/, '').replace(/[ \t\r]+$/, '')
  if (/^"[^"\\]*"$/.test(value) || /^'[^']*'$/.test(value)) return value.slice(1, -1)
  if (PLAIN.test(value)) return value
  return undefined
}
