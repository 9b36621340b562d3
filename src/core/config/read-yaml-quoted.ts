import {
  BACKSLASH,
  COLON,
  CR,
  DECLINE,
  DOUBLE_QUOTE,
  isFlowIndicator,
  LF,
  QUOTE,
  SPACE,
} from './yaml-subset-characters.js'

/** A single-quoted scalar on one line (`''` is a quote). */
export function readSingleQuotedAt(text: string, at: number): { value: string; end: number } {
  let value = ''
  let from = at + 1
  for (;;) {
    const quote = text.indexOf("'", from)
    const lineBreak = text.indexOf('\n', from)
    if (quote === -1 || (lineBreak !== -1 && lineBreak < quote)) throw DECLINE
    value += text.slice(from, quote)
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += "'"
      from = quote + 2
      continue
    }
    checkAfterQuoted(text, quote + 1)
    return { value, end: quote + 1 }
  }
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
}
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 }

/** A double-quoted scalar on one line, with YAML's escapes. */
export function readDoubleQuotedAt(text: string, at: number): { value: string; end: number } {
  let value = ''
  let from = at + 1
  for (let i = from; ; i++) {
    const code = text.charCodeAt(i)
    if (Number.isNaN(code) || code === LF || code === CR) throw DECLINE
    if (code === DOUBLE_QUOTE) {
      value += text.slice(from, i)
      checkAfterQuoted(text, i + 1)
      return { value, end: i + 1 }
    }
    if (code !== BACKSLASH) continue
    value += text.slice(from, i)
    const escaped = text[i + 1] ?? ''
    const hexLength = HEX_ESCAPE_LENGTH[escaped]
    if (hexLength !== undefined) {
      const hex = text.slice(i + 2, i + 2 + hexLength)
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) throw DECLINE
      const codePoint = parseInt(hex, 16)
      if (codePoint > 0x10ffff) throw DECLINE
      value += String.fromCodePoint(codePoint)
      i += 1 + hexLength
    } else {
      const replacement = ESCAPES[escaped]
      if (replacement === undefined) throw DECLINE
      value += replacement
      i += 1
    }
    from = i + 1
  }
}

/** After a closing quote: a space, a line's end, or a flow indicator or `:` (a JSON-style key). */
function checkAfterQuoted(text: string, at: number): void {
  if (at >= text.length) return
  const code = text.charCodeAt(at)
  if (code === SPACE || code === LF || code === CR || code === COLON || isFlowIndicator(code)) return
  throw DECLINE
}
