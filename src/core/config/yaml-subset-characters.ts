/** Character codes and classes the subset reader works with, and its way of saying "not mine". */

/** Thrown inside the reader when the text leaves the subset; the entry point answers undefined. */
export const DECLINE = Symbol('decline')
export const MAX_DEPTH = 64

export const SPACE = 32
export const LF = 10
export const CR = 13
export const HASH = 35
export const DASH = 45
export const COLON = 58
export const COMMA = 44
export const QUOTE = 39
export const DOUBLE_QUOTE = 34
export const OPEN_SQUARE = 91
export const CLOSE_SQUARE = 93
export const OPEN_CURLY = 123
export const CLOSE_CURLY = 125
export const BACKSLASH = 92

/** Characters that cannot start a plain scalar: YAML's indicators. `-`, `?` and `:` can, before a safe character. */
export const INDICATOR = new Uint8Array(128)
for (const char of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[char.charCodeAt(0)] = 1
export const isFlowIndicator = (code: number) =>
  code === COMMA || code === OPEN_SQUARE || code === CLOSE_SQUARE || code === OPEN_CURLY || code === CLOSE_CURLY
