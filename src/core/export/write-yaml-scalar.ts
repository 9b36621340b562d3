import { resolvePlainScalar } from '../config/resolve-plain-scalar.js'

/** Where a scalar is written: a block mapping value (`key: x`) or an item of a one-line flow list (`[x, y]`). */
export type ScalarContext = 'block' | 'flow'

/**
 * A YAML scalar that reads back as exactly `value`: plain when the YAML 1.2 core schema resolves
 * that plain text to the same string and nothing in it is syntax where it is written, else
 * double-quoted.
 */
export function writeYamlScalar(value: string, context: ScalarContext): string {
  return isSafePlain(value, context) && resolvePlainScalar(value) === value ? value : writeDoubleQuoted(value)
}

/** A one-line flow list of scalars: `[a, "b c"]`. */
export function writeYamlFlowList(values: readonly string[]): string {
  return `[${values.map((value) => writeYamlScalar(value, 'flow')).join(', ')}]`
}

/**
 * A double-quoted scalar: JSON's escapes, which YAML reads the same, plus `\u` escapes for what
 * JSON leaves raw but YAML forbids or may read as a line break (C1 controls, DEL, U+2028/9, BOM,
 * U+FFFE/F). Lone surrogates are escaped by JSON.stringify already.
 */
export function writeDoubleQuoted(value: string): string {
  return JSON.stringify(value).replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g

// YAML's printable characters less line breaks, tabs and the BOM; `u` so lone surrogates fail.
const PRINTABLE = /^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]+$/u
// Indicators cannot start a plain scalar; `-`, `?` and `:` sometimes can, but quoting them costs nothing.
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/
const EDGE_SPACE = /^\s|\s$/
// A plain scalar ends at `: ` or ` #`, and `:` at its end would make it a key.
const ENDS_SCALAR = /: |:$| #/
// In a flow list, these end the item; `:` could start an implicit key, and no id holds one.
const FLOW_SYNTAX = /[,[\]{}:]/

function isSafePlain(value: string, context: ScalarContext): boolean {
  return (
    PRINTABLE.test(value) &&
    !INDICATOR_FIRST.test(value) &&
    !EDGE_SPACE.test(value) &&
    !ENDS_SCALAR.test(value) &&
    !(context === 'flow' && FLOW_SYNTAX.test(value))
  )
}
