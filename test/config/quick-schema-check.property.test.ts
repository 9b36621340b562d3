import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileValidators, SCHEMA_FORMATS } from '../../src/core/config/check-schema.js'
import { CONFIG_KINDS, type ConfigKind } from '../../src/core/config/config-kinds.js'
import { compileQuickCheck } from '../../src/core/config/quick-schema-check.js'

// 1,200 documents per kind in `npm test`; PROPERTY_RUNS=500 in `npm run soak` gives 10,000.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60') * 20

type Schema = Record<string, unknown>

/** Values that cross every border the schemas draw: types, lengths in code points, numbers ajv refuses. */
const junk = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '',
  'x',
  ' ',
  '.x',
  'a b',
  'a@b.c',
  'A@B.CO',
  'a@b',
  '@b.c',
  'not-an-email',
  'é',
  '😀',
  '\ud800',
  'x'.repeat(255),
  'x'.repeat(256),
  '😀'.repeat(255),
  '😀'.repeat(256),
  '\ud800'.repeat(256),
  `${'x'.repeat(249)}@b.com`,
  `${'x'.repeat(250)}@b.com`,
  '__proto__',
  'constructor',
  'MANAGE',
  'VIEW',
  'USE',
  'edit_dataset',
  'full',
  'incremental',
  'gooddata-cloud',
  'opendatasoft',
  'https://example.com',
  [],
  ['a', 'a'],
  ['VIEW', 'VIEW'],
  ['__proto__', '__proto__'],
  [1],
  Object.create(null),
)

/**
 * Documents shaped by the schema itself: what it asks for, and when `wild`, now and then something
 * else at every level (a wrong type, a length past the limit, a repeated item, an unknown key).
 */
function documentOf(root: Schema, wild: boolean): fc.Arbitrary<unknown> {
  const memo = new Map<Schema, fc.Arbitrary<unknown>>()
  const arbitraryOf = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    const ref = schema['$ref']
    if (typeof ref === 'string')
      return arbitraryOf((root['definitions'] as Record<string, Schema>)[ref.split('/').pop()!]!, depth)
    const known = memo.get(schema)
    if (known) return known
    const shaped = depth > 8 ? junk : shapedValue(schema, depth)
    const value = wild ? fc.oneof({ weight: 60, arbitrary: shaped }, { weight: 1, arbitrary: junk }) : shaped
    memo.set(schema, value)
    return value
  }
  const shapedValue = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]))
    if (schema['const'] !== undefined) return fc.constant(schema['const'])
    if (Array.isArray(schema['anyOf']))
      return fc.oneof(
        ...(schema['anyOf'] as Schema[]).map((branch) =>
          shapedValue({ ...schema, anyOf: undefined, ...branch }, depth),
        ),
      )
    const options: fc.Arbitrary<unknown>[] = []
    if (schema['if']) {
      options.push(arbitraryOf(schema['then'] as Schema, depth + 1))
      options.push(arbitraryOf(schema['else'] as Schema, depth + 1))
    }
    const types = [schema['type']].flat().filter((type) => type !== undefined)
    for (const type of types) options.push(valueOfType(schema, type as string, depth))
    return options.length > 0 ? fc.oneof(...options) : junk
  }
  const valueOfType = (schema: Schema, type: string, depth: number): fc.Arbitrary<unknown> => {
    if (type === 'object') return objectOf(schema, depth)
    if (type === 'array') {
      const items = arbitraryOf((schema['items'] as Schema | undefined) ?? {}, depth + 1)
      const list =
        schema['uniqueItems'] && !wild ? fc.uniqueArray(items, { maxLength: 4 }) : fc.array(items, { maxLength: 4 })
      return fc.oneof(
        { weight: 8, arbitrary: list },
        { weight: wild ? 1 : 0, arbitrary: items.map((item) => [item, item]) },
      )
    }
    if (type === 'string') return stringOf(schema, wild)
    if (type === 'number' || type === 'integer') {
      const bounds = [schema['minimum'], schema['maximum']].filter((bound) => typeof bound === 'number') as number[]
      const [min = -1000, max = 1000] = [schema['minimum'], schema['maximum']] as (number | undefined)[]
      return fc.oneof(
        {
          weight: wild ? 1 : 0,
          arbitrary: fc.constantFrom(
            ...bounds,
            ...bounds.map((bound) => bound + 0.5),
            ...bounds.map((bound) => bound - 1),
          ),
        },
        {
          weight: 4,
          arbitrary:
            type === 'integer'
              ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
              : fc.double({ min, max, noNaN: true }),
        },
        { weight: wild ? 1 : 0, arbitrary: fc.integer({ min: -3, max: 1000 }) },
      )
    }
    if (type === 'boolean') return fc.boolean()
    return junk
  }
  const objectOf = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>
    const extra = schema['additionalProperties']
    const required = (schema['required'] ?? []) as string[]
    const entries = Object.entries(properties).map(([name, sub]) => {
      const entry = arbitraryOf(sub, depth + 1).map((value) => [name, value] as const)
      return required.includes(name) && !wild ? entry : fc.option(entry, { nil: undefined, freq: 2 })
    })
    const names = schema['propertyNames'] as Schema | undefined
    const keys =
      names && !wild
        ? arbitraryOf(names, depth + 1).filter((key): key is string => typeof key === 'string')
        : fc.oneof(
            fc.constantFrom('a', 'sales', '.x', 'a b', '__proto__', 'constructor', 'user', 'x'.repeat(256)),
            fc.constantFrom(...Object.keys(properties), 'unknown'),
          )
    const additional =
      extra && typeof extra === 'object'
        ? fc.array(fc.tuple(keys, arbitraryOf(extra as Schema, depth + 1)), { maxLength: 3 })
        : fc.oneof(
            { weight: 30, arbitrary: fc.constant([]) },
            { weight: wild ? 1 : 0, arbitrary: fc.array(fc.tuple(keys, junk), { maxLength: 1 }) },
          )
    const unique = wild ? additional : additional.map((more) => [...new Map(more)])
    return fc.tuple(fc.tuple(...entries), unique).map(([own, more]) => {
      // As the readers build them: no prototype, so `__proto__` is a key like any other.
      const object = Object.create(null) as Record<string, unknown>
      for (const [key, value] of [...own.filter((entry) => entry !== undefined), ...more])
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
      return object
    })
  }
  return arbitraryOf(root, 0)
}

function stringOf(schema: Schema, wild: boolean): fc.Arbitrary<unknown> {
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: wild ? 1 : 0, arbitrary: junk.filter((value) => typeof value === 'string') },
  ]
  const pattern = schema['pattern']
  if (schema['format'] === 'email') {
    options.push({
      weight: 8,
      arbitrary: fc.oneof(fc.emailAddress(), fc.constantFrom('First.Last@Example.COM', 'a@b.c')),
    })
  } else if (typeof pattern === 'string') {
    // fast-check reads no lookahead: the strings it would exclude come from `junk`, or are left out.
    const exact = new RegExp(pattern, 'u')
    const loose = fc.stringMatching(new RegExp(pattern.replace(/\(\?!.*?\)/g, '')))
    const matching = wild ? loose : loose.filter((text) => exact.test(text))
    options.push({ weight: 8, arbitrary: matching })
    options.push({ weight: wild ? 1 : 0, arbitrary: matching.map((text) => `${text}${text}`.repeat(40)) })
  } else {
    options.push({ weight: 4, arbitrary: fc.string({ maxLength: 8 }) })
  }
  const max = schema['maxLength']
  if (typeof max === 'number')
    options.push({
      weight: wild ? 1 : 0,
      arbitrary: fc.constantFrom('a'.repeat(max), 'a'.repeat(max + 1), '😀'.repeat(max)),
    })
  return fc.oneof(...options)
}

/** Whether a value holds a list with the string `__proto__` twice: ajv, counting items in a plain object, lets that pass. */
function repeatsProto(value: unknown): boolean {
  if (Array.isArray(value))
    return value.filter((item) => item === '__proto__').length > 1 || value.some((item) => repeatsProto(item))
  if (value && typeof value === 'object') return Object.values(value).some(repeatsProto)
  return false
}

describe('compileQuickCheck: never accepts what ajv refuses, and accepts what it accepts', () => {
  const validators = compileValidators()
  const cases = (Object.keys(CONFIG_KINDS) as ConfigKind[]).flatMap((kind) => [
    [kind, 'near its borders', true] as const,
    [kind, 'as written', false] as const,
  ])
  it.each(cases)('%s schema, documents %s', (kind, _, wild) => {
    const quick = compileQuickCheck(CONFIG_KINDS[kind].schema, SCHEMA_FORMATS)
    const validate = validators[kind]
    let accepted = 0
    fc.assert(
      fc.property(documentOf(CONFIG_KINDS[kind].schema as Schema, wild), (document) => {
        const exact = validate(document)
        const fast = quick(document)
        if (fast) expect(exact).toBe(true)
        else if (!repeatsProto(document)) expect(exact).toBe(false)
        if (exact) accepted++
      }),
      { numRuns: RUNS },
    )
    if (wild) {
      // Of use only if it reaches both sides of the schema.
      expect(accepted).toBeGreaterThan(RUNS / 20)
      expect(accepted).toBeLessThan(RUNS)
    } else {
      // Written as the schema asks, every document passes the quick check: ajv is never needed.
      expect(accepted).toBe(RUNS)
    }
  })

  it('is not sure of a keyword it does not read, nor of a condition it cannot read exactly', () => {
    const formats = {}
    expect(compileQuickCheck({ type: 'array', minItems: 1 }, formats)(['a'])).toBe(false)
    // Parsed, as the schemas are: an object literal with a `then` key reads as a promise to linters.
    const conditional = (condition: string) => JSON.parse(`{ "if": ${condition}, "then": true, "else": true }`)
    expect(compileQuickCheck(conditional('{ "minimum": 1 }'), formats)(2)).toBe(false)
    expect(compileQuickCheck(conditional('{ "type": "number" }'), formats)(2)).toBe(false)
    expect(compileQuickCheck(conditional('{ "type": "array" }'), formats)([])).toBe(true)
    expect(compileQuickCheck({ type: 'string', format: 'date' }, formats)('2024-01-01')).toBe(false)
    expect(compileQuickCheck({ type: 'string', maxLength: 1 }, formats)('😀')).toBe(true)
  })
})
