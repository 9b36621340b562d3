/** Checks of one kind of value for the quick schema check: types, strings, mappings, lists. */
import type { QuickCheck, Schema } from './quick-schema-check.js'
import { inheritsNothing } from './yaml-mappings.js'

/** As ajv types values, numbers finite (its strict mode). */
export function typeCheck(argument: unknown): QuickCheck | undefined {
  const types = typeof argument === 'string' ? [argument] : argument
  if (!Array.isArray(types) || types.length === 0) return undefined
  const checks = types.map((type) => TYPES[type as string])
  if (checks.some((check) => check === undefined)) return undefined
  if (checks.length === 1) return checks[0]
  return (value) => checks.some((check) => check!(value))
}

const TYPES: Readonly<Record<string, QuickCheck>> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
  object: isObject,
  array: (value) => Array.isArray(value),
}

/** type string, pattern, maxLength, minLength and format as one check (without type string, other values pass). */
export function stringCheck(schema: Schema, formats: Readonly<Record<string, unknown>>): QuickCheck | undefined {
  const { pattern, maxLength, minLength, format: name } = schema
  if (pattern !== undefined && typeof pattern !== 'string') return undefined
  if (maxLength !== undefined && typeof maxLength !== 'number') return undefined
  if (minLength !== undefined && typeof minLength !== 'number') return undefined
  const given = typeof name === 'string' && Object.hasOwn(formats, name) ? formats[name] : undefined
  // A regular expression without state between tests; ajv's other forms of a format are left to it.
  const format = given instanceof RegExp && !given.global && !given.sticky ? given : undefined
  if (name !== undefined && format === undefined) return undefined
  const regex = pattern === undefined ? undefined : new RegExp(pattern, 'u')
  const max = maxLength ?? Number.POSITIVE_INFINITY
  const min = minLength ?? 0
  const notString = schema['type'] !== 'string'
  return (value) => {
    if (typeof value !== 'string') return notString
    if (value.length > max && codePoints(value) > max) return false
    if (min > 0 && codePoints(value) < min) return false
    return (regex === undefined || regex.test(value)) && (format === undefined || format.test(value))
  }
}

/**
 * properties, additionalProperties, required and propertyNames, in one pass over the mapping's
 * keys. It reads mappings as the YAML readers build them: inheriting nothing, every key enumerable; so
 * the keys it meets are those ajv looks up and iterates.
 */
export function objectCheck(schema: Schema, compile: (schema: unknown) => QuickCheck): QuickCheck | undefined {
  const { properties = {}, additionalProperties = true, required = [], propertyNames = true } = schema
  if ('patternProperties' in schema || !isObject(properties) || !Array.isArray(required)) return undefined
  if (!required.every((name) => typeof name === 'string')) return undefined
  const declared = new Map(Object.entries(properties).map(([name, sub]) => [name, compile(sub)]))
  const other = additionalProperties === false ? undefined : compile(additionalProperties)
  const name = propertyNames === true ? undefined : compile(propertyNames)
  const names = required as string[]
  return (value) => {
    if (!isObject(value)) return true
    if (!inheritsNothing(value)) return false
    for (const key in value) {
      if (name && !name(key)) return false
      const check = declared.get(key) ?? other
      if (check === undefined || !check(value[key])) return false
    }
    for (const key of names) if (value[key] === undefined) return false
    return true
  }
}

/** Whether a list holds strings only, none twice (not sure of other items: ajv compares them deeply). */
export function hasUniqueStrings(items: readonly unknown[]): boolean {
  if (items.length < 2) return true
  if (items.length === 2) return typeof items[0] === 'string' && typeof items[1] === 'string' && items[0] !== items[1]
  const seen = new Set<unknown>()
  for (const item of items) {
    if (typeof item !== 'string' || seen.has(item)) return false
    seen.add(item)
  }
  return true
}

/** A string's length as ajv counts it: a surrogate pair is one character. */
function codePoints(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    count++
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++
  }
  return count
}

/** A mapping: an object that is not a list. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value compared by `===` as ajv compares it (deeply, which for these is the same). */
export function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function')
}
