import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { COLON, CR, DASH, DECLINE, HASH, INDICATOR, LF, SPACE } from './yaml-subset-characters.js'

/** A block key: a plain scalar of letters, digits and `_ . -` that YAML reads as a string, then `:` and a space or the line's end. */
export function startsBlockKey(text: string, at: number): boolean {
  return blockKeyEnd(text, at) !== -1
}

/** The key at `at` and the offset past its colon. */
export function readBlockKeyAt(text: string, at: number): { key: string; end: number } {
  const end = blockKeyEnd(text, at)
  if (end === -1 || INDICATOR[text.charCodeAt(at)] === 1) throw DECLINE
  const key = text.slice(at, end)
  if (resolvePlainScalar(key) !== key) throw DECLINE
  return { key, end: end + 1 }
}

/** Where the block key at `at` ends (the offset of its colon), or -1 when none starts there. */
function blockKeyEnd(text: string, at: number): number {
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
