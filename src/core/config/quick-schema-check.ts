import { hasUniqueStrings, isObject, isPrimitive, objectCheck, stringCheck, typeCheck } from './quick-value-checks.js'

/** Answers true only for a value the schema accepts; false is "not sure", never "invalid". */
export type QuickCheck = (value: unknown) => boolean

export type Schema = Readonly<Record<string, unknown>>

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'definitions',
])

const NOT_SURE: QuickCheck = () => false

/**
 * A check of a config schema compiled in a moment, for the files that pass it, as nearly all do:
 * ajv's code generation takes about 100 ms a run, as long as checking 100,000 users. It reads the
 * keywords the config schemas use, each as ajv decides it (draft-07, strict numbers, `u` patterns,
 * lengths in code points); a keyword or form it does not know makes its subschema answer "not
 * sure", so a schema that grows stays correct, only slower. A property test holds it to ajv.
 */
export function compileQuickCheck(root: Schema, formats: Readonly<Record<string, unknown>>): QuickCheck {
  const compiled = new Map<Schema, QuickCheck>()
  const compile = (schema: unknown): QuickCheck => {
    if (schema === true) return () => true
    if (!isObject(schema)) return NOT_SURE
    const known = compiled.get(schema)
    if (known) return known
    // A schema that refers to itself is followed through this indirection, compiled once.
    let check: QuickCheck = NOT_SURE
    compiled.set(schema, (value) => check(value))
    check = all(keywordChecks(schema, compile, root, formats))
    compiled.set(schema, check)
    return check
  }
  return compile(root)
}

function keywordChecks(
  schema: Schema,
  compile: (schema: unknown) => QuickCheck,
  root: Schema,
  formats: Readonly<Record<string, unknown>>,
): QuickCheck[] {
  const checks: QuickCheck[] = []
  const isString = schema['type'] === 'string'
  for (const [keyword, argument] of Object.entries(schema)) {
    // A nested $id would move where `#/definitions/…` points.
    if (keyword === '$id' && schema !== root) return [NOT_SURE]
    if (ANNOTATIONS.has(keyword) || keyword === 'then' || keyword === 'else') continue
    if (OBJECT_KEYWORDS.has(keyword) || STRING_KEYWORDS.has(keyword) || (keyword === 'type' && isString)) continue
    const check = keywordCheck(keyword, argument, schema, compile, root)
    if (check === undefined) return [NOT_SURE]
    checks.push(check)
  }
  const hasAny = (keywords: ReadonlySet<string>) => Object.keys(schema).some((keyword) => keywords.has(keyword))
  if (hasAny(OBJECT_KEYWORDS)) checks.unshift(objectCheck(schema, compile) ?? NOT_SURE)
  if (isString || hasAny(STRING_KEYWORDS)) checks.unshift(stringCheck(schema, formats) ?? NOT_SURE)
  return checks
}

/** Keywords on a string, folded into one check with its type: most leaves of a config are strings. */
const STRING_KEYWORDS = new Set(['pattern', 'maxLength', 'minLength', 'format'])

/** Keywords on a mapping's keys, read together in one pass over its keys. */
const OBJECT_KEYWORDS = new Set(['properties', 'additionalProperties', 'required', 'propertyNames'])

/** One keyword as a check, or undefined when it is not one this reads (the subschema is then "not sure"). */
function keywordCheck(
  keyword: string,
  argument: unknown,
  schema: Schema,
  compile: (schema: unknown) => QuickCheck,
  root: Schema,
): QuickCheck | undefined {
  switch (keyword) {
    case '$ref': {
      const name = typeof argument === 'string' ? /^#\/definitions\/([^/~]+)$/.exec(argument)?.[1] : undefined
      const definitions = root['definitions']
      if (name === undefined || !isObject(definitions) || !Object.hasOwn(definitions, name)) return undefined
      const target = definitions[name]
      return compile(target)
    }
    case 'type':
      return typeCheck(argument)
    case 'items': {
      if (Array.isArray(argument)) return undefined
      const check = compile(argument)
      return (value) => {
        if (!Array.isArray(value)) return true
        for (const item of value) if (!check(item)) return false
        return true
      }
    }
    case 'uniqueItems':
      if (argument === false) return () => true
      // Strings only: other items are left to ajv, whose equality is deep.
      return argument === true ? (value) => !Array.isArray(value) || hasUniqueStrings(value) : undefined
    case 'minimum':
      return typeof argument === 'number' ? (value) => typeof value !== 'number' || value >= argument : undefined
    case 'maximum':
      return typeof argument === 'number' ? (value) => typeof value !== 'number' || value <= argument : undefined
    case 'enum':
      return Array.isArray(argument) && argument.every(isPrimitive) ? (value) => argument.includes(value) : undefined
    case 'const':
      return isPrimitive(argument) ? (value) => value === argument : undefined
    case 'anyOf': {
      if (!Array.isArray(argument)) return undefined
      const branches = argument.map(compile)
      return (value) => {
        for (const branch of branches) if (branch(value)) return true
        return false
      }
    }
    case 'if':
      return conditionalCheck(argument, schema, compile)
    default:
      return undefined
  }
}

/**
 * if/then/else, where the condition is one this reads exactly, so the branch taken is ajv's: types,
 * other than numbers (whose finiteness is an ajv option).
 */
function conditionalCheck(
  condition: unknown,
  schema: Schema,
  compile: (schema: unknown) => QuickCheck,
): QuickCheck | undefined {
  if (!isObject(condition) || !Object.keys(condition).every((key) => key === 'type' || ANNOTATIONS.has(key)))
    return undefined
  const types = condition['type']
  if (types === undefined) return undefined
  const listed = typeof types === 'string' ? [types] : types
  if (!Array.isArray(listed) || listed.some((type) => type === 'number' || type === 'integer')) return undefined
  const test = typeCheck(types)
  if (test === undefined) return undefined
  const then = 'then' in schema ? compile(schema['then']) : () => true
  const otherwise = 'else' in schema ? compile(schema['else']) : () => true
  return (value) => (test(value) ? then(value) : otherwise(value))
}

function all(checks: readonly QuickCheck[]): QuickCheck {
  if (checks.length === 1) return checks[0]!
  if (checks.length === 2) {
    const [first, second] = checks as [QuickCheck, QuickCheck]
    return (value) => first(value) && second(value)
  }
  return (value) => {
    for (const check of checks) if (!check(value)) return false
    return true
  }
}
