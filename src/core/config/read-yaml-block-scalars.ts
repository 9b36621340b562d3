import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { COLON, CR, DASH, DECLINE, HASH, INDICATOR, LF, SPACE } from './yaml-subset-characters.js'

/** A block key: a plain scalar of letters, digits and `_ . -` that YAML reads as a string, then `:` and a space or the line's end. */
export function startsBlockKey(text: string, at: number): boolean {
  return blockKeyEnd(text, at) !== -1
}

/**
 * The block keys of one text, each read once: a key met again (`user_id:` on every user) is the same
 * string, found by comparing the text in place, so no copy is made per entry and objects get their
 * properties by a key V8 already knows.
 */
export class BlockKeys {
  private readonly known = new Map<number, string[]>()

  constructor(private readonly text: string) {}

  /** The key that starts at `at` and ends at `end` (its colon). */
  at(at: number, end: number): string {
    const { text } = this
    const slot = (end - at) * 128 + text.charCodeAt(at)
    const candidates = this.known.get(slot)
    if (candidates) for (const key of candidates) if (text.startsWith(key, at)) return key
    if (INDICATOR[text.charCodeAt(at)] === 1) throw DECLINE
    const key = text.slice(at, end)
    if (resolvePlainScalar(key) !== key) throw DECLINE
    if (!candidates) this.known.set(slot, [key])
    else if (candidates.length < 8) candidates.push(key)
    return key
  }
}

/** Where the block key at `at` ends (the offset of its colon), or -1 when none starts there. */
export function blockKeyEnd(text: string, at: number): number {
  let end = at
  while (KEY_CHARS[text.charCodeAt(end)] === 1) end++
  if (end === at || text.charCodeAt(end) !== COLON) return -1
  const after = text.charCodeAt(end + 1)
  return after === SPACE || after === LF || after === CR || end + 1 >= text.length ? end : -1
}

/**
 * A plain scalar that ends on its line, resolved, and the offset where its line's content ends
 * (a following more indented line would continue it: the block reader declines that).
 */
export function readBlockPlainAt(text: string, start: number): { value: unknown; end: number } {
  checkBlockPlainStart(text, start)
  let end = start
  let at = start
  for (;;) {
    const code = text.charCodeAt(at)
    if (at >= text.length || code === LF || (code === CR && text.charCodeAt(at + 1) === LF)) break
    if (code === HASH && text.charCodeAt(at - 1) === SPACE) break
    if (code === COLON) {
      const after = text.charCodeAt(at + 1)
      if (after === SPACE || after === LF || after === CR || at + 1 >= text.length) throw DECLINE
    }
    if (code !== SPACE) end = at + 1
    at++
  }
  return { value: resolvePlainScalar(text.slice(start, end)), end: at }
}

/** Indicators cannot start a plain scalar; `-`, `?` and `:` can, before a character that is not a space. */
function checkBlockPlainStart(text: string, at: number): void {
  const code = text.charCodeAt(at)
  if (code < 128 && INDICATOR[code] === 1) {
    if (code !== DASH && code !== 63 /* ? */ && code !== COLON) throw DECLINE
    const next = text.charCodeAt(at + 1)
    if (Number.isNaN(next) || next === SPACE || next === LF || next === CR) throw DECLINE
  }
}

/** Letters, digits and `_ - .`: the characters of a block key the reader takes. */
const KEY_CHARS = new Uint8Array(128)
for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.')
  KEY_CHARS[char.charCodeAt(0)] = 1
