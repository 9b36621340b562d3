import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { COLON, CR, DASH, DECLINE, HASH, INDICATOR, LF, SPACE } from './yaml-subset-characters.js'

/**
 * The block keys of one text, each read once: a key met again (`user_id:` on every user) is the same
 * string, found by a hash taken while its characters are scanned and then compared in place, so no
 * copy is made per entry and objects get their properties by a key V8 already knows.
 */
export class BlockKeys {
  private readonly known = new Map<number, string[]>()
  /** The last key scanned: a list item's first key is scanned to tell a mapping, then read. */
  private scannedAt = -1
  private scannedEnd = -1
  private scannedHash = 0

  constructor(private readonly text: string) {}

  /** Where the block key at `at` ends (the offset of its colon), or -1 when none starts there. */
  endOf(at: number): number {
    if (at === this.scannedAt) return this.scannedEnd
    const { text } = this
    let hash = 0
    let end = at
    for (let code = text.charCodeAt(end); code < 128 && KEY_CHARS[code] === 1; code = text.charCodeAt(++end))
      hash = (Math.imul(hash, 31) + code) | 0
    let found = -1
    if (end !== at && text.charCodeAt(end) === COLON) {
      const after = text.charCodeAt(end + 1)
      if (after === SPACE || after === LF || after === CR || end + 1 >= text.length) found = end
    }
    this.scannedAt = at
    this.scannedEnd = found
    this.scannedHash = hash
    return found
  }

  /** The key that starts at `at` (scanned once, by `endOf`); declines when none does. */
  read(at: number): string {
    const { text } = this
    const end = this.endOf(at)
    if (end === -1) throw DECLINE
    const candidates = this.known.get(this.scannedHash)
    if (candidates) for (const key of candidates) if (key.length === end - at && sameText(text, at, key)) return key
    if (INDICATOR[text.charCodeAt(at)] === 1) throw DECLINE
    const key = text.slice(at, end)
    if (resolvePlainScalar(key) !== key) throw DECLINE
    if (!candidates) this.known.set(this.scannedHash, [key])
    else if (candidates.length < 8) candidates.push(key)
    return key
  }
}

/** Whether `text` holds `key` at `at`. */
function sameText(text: string, at: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) if (text.charCodeAt(at + i) !== key.charCodeAt(i)) return false
  return true
}

/**
 * A plain scalar that ends on its line, resolved, and the offset where its line's content ends
 * (a following more indented line would continue it: the block reader declines that).
 */
export function readBlockPlainAt(text: string, start: number): { value: unknown; end: number } {
  checkBlockPlainStart(text, start)
  const length = text.length
  let at = start
  for (; at < length; at++) {
    const code = text.charCodeAt(at)
    // Most characters stop nothing: one look in a table, and on.
    if (code >= 128 || PLAIN_STOP[code] === 0) continue
    if (code === LF || (code === CR && text.charCodeAt(at + 1) === LF)) break
    if (code === HASH && text.charCodeAt(at - 1) === SPACE) break
    if (code === COLON) {
      const after = text.charCodeAt(at + 1)
      if (after === SPACE || after === LF || after === CR || at + 1 >= length) throw DECLINE
    }
  }
  let end = at
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--
  return { value: resolvePlainScalar(text.slice(start, end)), end: at }
}

/** What can end a block plain scalar or make it more than one: line breaks, `#` and `:`. */
const PLAIN_STOP = new Uint8Array(128)
for (const code of [LF, CR, HASH, COLON]) PLAIN_STOP[code] = 1

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
