import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { COLON, CR, DASH, DECLINE, HASH, INDICATOR, LF, SPACE } from './yaml-subset-characters.js'

/**
 * The block keys of one text, each read once: a key met again (`user_id:` on every user) is the same
 * string, so no copy is made per entry and objects get their properties by a key V8 already knows.
 * Config files repeat their keys in the same order from item to item, so the key that followed the
 * last one read is tried first, by comparing it in place; any other is found by a hash taken while
 * its characters are scanned.
 */
export class BlockKeys {
  /** Every key read, by index; `known` finds indexes by hash and `followedBy` holds the index of the key read after each. */
  private readonly keys: string[] = []
  private readonly known = new Map<number, number[]>()
  private readonly followedBy: number[] = []
  private last = -1
  /** The last key scanned: a list item's first key is scanned to tell a mapping, then read. */
  private scannedAt = -1
  private scannedEnd = -1
  private scannedHash = 0
  /** The index of the key found at `scannedAt` by the guess, or -1 when it was scanned. */
  private scannedKey = -1

  constructor(private readonly text: string) {}

  /** Where the block key at `at` ends (the offset of its colon), or -1 when none starts there. */
  endOf(at: number): number {
    if (at === this.scannedAt) return this.scannedEnd
    const { text } = this
    this.scannedAt = at
    const guess = this.last === -1 ? -1 : this.followedBy[this.last]!
    if (guess !== -1) {
      const key = this.keys[guess]!
      const end = at + key.length
      if (sameText(text, at, key) && text.charCodeAt(end) === COLON && endsKey(text, end)) {
        this.scannedEnd = end
        this.scannedKey = guess
        return end
      }
    }
    let hash = 0
    let end = at
    for (let code = text.charCodeAt(end); code < 128 && KEY_CHARS[code] === 1; code = text.charCodeAt(++end))
      hash = (Math.imul(hash, 31) + code) | 0
    this.scannedEnd = end !== at && text.charCodeAt(end) === COLON && endsKey(text, end) ? end : -1
    this.scannedHash = hash
    this.scannedKey = -1
    return this.scannedEnd
  }

  /** The key that starts at `at` (scanned once, by `endOf`); declines when none does. */
  read(at: number): string {
    const end = this.endOf(at)
    if (end === -1) throw DECLINE
    const index = this.scannedKey === -1 ? this.lookUp(at, end) : this.scannedKey
    if (this.last !== -1) this.followedBy[this.last] = index
    this.last = index
    return this.keys[index]!
  }

  /** The index of the scanned key from `at` to `end`, a new one when it was not read before. */
  private lookUp(at: number, end: number): number {
    const { text } = this
    const candidates = this.known.get(this.scannedHash)
    if (candidates)
      for (const index of candidates) {
        const key = this.keys[index]!
        if (key.length === end - at && sameText(text, at, key)) return index
      }
    if (INDICATOR[text.charCodeAt(at)] === 1) throw DECLINE
    const key = text.slice(at, end)
    if (resolvePlainScalar(key) !== key) throw DECLINE
    const index = this.keys.push(key) - 1
    this.followedBy.push(-1)
    if (!candidates) this.known.set(this.scannedHash, [index])
    else if (candidates.length < 8) candidates.push(index)
    return index
  }
}

/** Whether the colon at `colon` ends a block key: a space, a line break or the end of the text follows it. */
function endsKey(text: string, colon: number): boolean {
  const after = text.charCodeAt(colon + 1)
  return after === SPACE || after === LF || after === CR || colon + 1 >= text.length
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
    // A colon that would end a key makes the line a mapping entry, not one scalar.
    if (code === COLON && endsKey(text, at)) throw DECLINE
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
