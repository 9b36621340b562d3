import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { COLON, CR, DASH, DECLINE, HASH, INDICATOR, LF, SPACE } from './yaml-subset-characters.js'

/** A block key: a plain scalar of letters, digits and `_ . -` that YAML reads as a string, then `:` and a space or the line's end. */
export function startsBlockKey(text: string, at: number): boolean {
  let end = at
  while (isKeyChar(text.charCodeAt(end))) end++
  if (end === at || text.charCodeAt(end) !== COLON) return false
  const after = text.charCodeAt(end + 1)
  return after === SPACE || after === LF || after === CR || end + 1 >= text.length
}

/** The key at `at` and the offset past its colon. */
export function readBlockKeyAt(text: string, at: number): { key: string; end: number } {
  if (!startsBlockKey(text, at) || INDICATOR[text.charCodeAt(at)] === 1) throw DECLINE
  let end = at
  while (isKeyChar(text.charCodeAt(end))) end++
  const key = text.slice(at, end)
  if (resolvePlainScalar(key) !== key) throw DECLINE
  return { key, end: end + 1 }
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

function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45 ||
    code === 46
  )
}
