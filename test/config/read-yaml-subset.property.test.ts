import fc from 'fast-check'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { locate, parseExactly, parseYamlFile, type PathSegment } from '../../src/core/config/parse-yaml-file.js'
import { readYamlSubset } from '../../src/core/config/read-yaml-subset.js'
import { resolvePlainScalar } from '../../src/core/config/resolve-plain-scalar.js'

// 3,600 generated documents in `npm test` (1,200 each of any shape, config shape, mutated); PROPERTY_RUNS=500 in `npm run soak` gives 30,000.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60') * 20

/** The reference: the `yaml` library, YAML 1.2 core schema, as the config loader calls it; 'error' for a document it refuses. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, strict: true })
  if (doc.errors.length > 0) return 'error'
  return doc.toJS({ maxAliasCount: 10_000 })
}

/** A value written out so that two readings compare exactly: key order, -0, NaN, Infinity, and no prototypes. */
function canonical(value: unknown): string {
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk)
    if (item && typeof item === 'object') return Object.entries(item).map(([key, inner]) => [key, walk(inner)])
    if (typeof item === 'number')
      return Object.is(item, -0) ? '-0' : Number.isNaN(item) ? 'NaN' : Number.isFinite(item) ? item : String(item)
    return item
  }
  return JSON.stringify(walk(value))
}

/** Whether no mapping in a value inherits anything: its prototype chain holds no property at all. */
function withoutPrototypes(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(withoutPrototypes)
  if (value && typeof value === 'object') return inheritsNothing(value) && Object.values(value).every(withoutPrototypes)
  return true
}

function inheritsNothing(value: object): boolean {
  for (let prototype = Object.getPrototypeOf(value); prototype !== null; prototype = Object.getPrototypeOf(prototype))
    if (Reflect.ownKeys(prototype).length > 0 || !Object.isFrozen(prototype)) return false
  return true
}

// Scalars on both sides of every border: numbers in every base, YAML 1.1 words, specials, indicators, unicode.
const plainToken = fc.oneof(
  fc.constantFrom(
    'john.doe',
    'María García',
    'oidc|john',
    'a@b.c',
    'x/y=z',
    '(x)',
    'Group 7',
    '.hidden',
    'a-b_c',
    '日本',
    '😀',
    'é',
  ),
  fc.constantFrom(
    '0b11',
    '0b101',
    '0o17',
    '0o8',
    '0x1F',
    '0X1F',
    '0xg',
    '+.5',
    '-.5',
    '.5',
    '5.',
    '1.e5',
    '.5E-3',
    '1e5',
    '1E+5',
    '-0',
    '+0',
    '+12',
    '007',
    '12345678901234567890',
  ),
  fc.constantFrom(
    '1_000',
    '1:30',
    '12:30:00',
    '3d',
    '1st',
    '.inf',
    '-.Inf',
    '+.INF',
    '.nan',
    '.NaN',
    '+.nan',
    'nan',
    'inf',
  ),
  fc.constantFrom(
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    'true',
    'True',
    'TRUE',
    'tRUE',
    'false',
    'False',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
  ),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'),
  fc.constantFrom(
    'a:b',
    'a :b',
    'a: b',
    'a:',
    'http://x/y',
    'a#b',
    'a #b',
    '-a',
    '?a',
    ':a',
    '- a',
    '? a',
    ': a',
    'a,b',
    'a]b',
    'a}b',
    'a[b',
    'a{b',
    "it's",
    'a  b',
  ),
  fc.constantFrom(
    '@x',
    '`x',
    '%x',
    '!x',
    '&x',
    '*x',
    '|x',
    '>x',
    '#x',
    ',x',
    '[x',
    ']x',
    '{x',
    '}x',
    '!!str 1',
    '&a x',
    '*a',
    '|',
    '>',
    '-',
    '?',
    ':',
  ),
  fc.stringMatching(/^[a-z0-9 ._:#@-]{0,8}$/),
)
const singleQuoted = fc.string({ maxLength: 8 }).map((text) => `'${text.replace(/'/g, "''").replace(/[\n\r]/g, ' ')}'`)
const doubleQuoted = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[a-z é#:,'[\]{}-]{0,4}$/),
      fc.constantFrom(
        '\\"',
        '\\\\',
        '\\/',
        '\\n',
        '\\t',
        '\\x41',
        '\\u00e9',
        '\\ud83d\\ude00',
        '\\U0001F600',
        '\\N',
        '\\_',
        '\\L',
        '\\P',
        '\\0',
        '\\e',
        '\\ ',
        '\\q',
        '\\x4',
        '\\u12',
      ),
    ),
    { maxLength: 4 },
  )
  .map((parts) => `"${parts.join('')}"`)
const scalar = fc.oneof(
  { weight: 4, arbitrary: plainToken },
  { weight: 1, arbitrary: singleQuoted },
  { weight: 1, arbitrary: doubleQuoted },
)
const configKey = fc.constantFrom(
  'user_id',
  'email',
  'user_groups',
  'is_active',
  'a-b',
  'x.y',
  '_k',
  'K',
  '__proto__',
  'constructor',
)
const key = fc.oneof(
  configKey,
  fc.constantFrom('toString', '1', '0x1F', 'true', 'null', '~', '.inf', '-k', 'k k', '"q"', "'s'", 'a:b', '?'),
)
/** What config files hold: names, numbers in every base, YAML 1.1 words, quoted text; none of the syntax the subset leaves out. */
const configScalar = fc.oneof(
  fc.constantFrom(
    'john.doe',
    'María García',
    'a@b.c',
    'Group 7',
    '0b11',
    '0o17',
    '0x1F',
    '+.5',
    '1e5',
    '-0',
    '~',
    'null',
    'true',
    'False',
    'yes',
    '1_000',
    '.NaN',
    '__proto__',
    'http://x/y',
    'a#b',
    "it's",
    '😀',
  ),
  singleQuoted,
  doubleQuoted.filter((text) => !/\\(q|x4|u12)/.test(text)),
)

type Node =
  | { kind: 'scalar'; text: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'map'; entries: [string, Node][] }
const nodeOf = (scalars: fc.Arbitrary<string>, keys: fc.Arbitrary<string>): fc.Arbitrary<Node> =>
  fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalars.map((text): Node => ({ kind: 'scalar', text })),
      fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'seq', items })),
      fc
        .uniqueArray(fc.tuple(keys, tie('node')), { maxLength: 4, selector: ([k]) => k })
        .map((entries): Node => ({ kind: 'map', entries })),
    ),
  })).node
const node = fc.oneof(
  nodeOf(scalar, key),
  fc.array(fc.tuple(key, nodeOf(scalar, key)), { maxLength: 4 }).map((entries): Node => ({ kind: 'map', entries })),
)

interface Style {
  flow: boolean
  multiline: boolean
  comments: boolean
  step: number
  crlf: boolean
}
const style = fc.record({
  flow: fc.boolean(),
  multiline: fc.boolean(),
  comments: fc.boolean(),
  step: fc.constantFrom(1, 2, 4),
  crlf: fc.boolean(),
})

function renderFlow(value: Node, multiline: boolean, indent: number, comments: boolean): string {
  if (value.kind === 'scalar') return value.text
  const pad = ' '.repeat(indent + 2)
  const parts =
    value.kind === 'seq'
      ? value.items.map((item) => renderFlow(item, multiline, indent + 2, comments))
      : value.entries.map(([k, v]) => `${k}: ${renderFlow(v, multiline, indent + 2, comments)}`)
  const [open, close] = value.kind === 'seq' ? ['[', ']'] : ['{', '}']
  if (!multiline || parts.length === 0) return `${open}${parts.join(', ')}${close}`
  return `${open}\n${parts.map((part, i) => `${pad}${part}${i < parts.length - 1 ? ',' : ''}${comments && i === 0 ? ' # note' : ''}`).join('\n')}\n${' '.repeat(indent + 1)}${close}`
}

/** Block style for collections, with flow (one line or many) for some values. */
function renderBlock(value: Node, indent: number, s: Style): string[] {
  const pad = ' '.repeat(indent)
  const comment = s.comments ? ' # c' : ''
  const inline = (inner: Node) =>
    inner.kind === 'scalar' ? inner.text : renderFlow(inner, s.multiline, indent, s.comments)
  if (value.kind === 'scalar') return [`${pad}${value.text}`]
  const lines: string[] = []
  if (value.kind === 'seq') {
    for (const item of value.items) {
      if (item.kind !== 'scalar' && !s.flow && (item.kind === 'map' ? item.entries.length : item.items.length) > 0) {
        const inner = renderBlock(item, indent + s.step + 1, s)
        if (item.kind === 'map') lines.push(`${pad}-${' '.repeat(s.step)}${inner[0]!.trimStart()}`, ...inner.slice(1))
        else lines.push(`${pad}-${comment}`, ...inner)
      } else {
        lines.push(`${pad}- ${inline(item)}${item.kind === 'scalar' ? '' : comment}`)
      }
    }
    return lines
  }
  for (const [k, v] of value.entries) {
    if (v.kind !== 'scalar' && !s.flow && (v.kind === 'map' ? v.entries.length : v.items.length) > 0) {
      lines.push(`${pad}${k}:${comment}`, ...renderBlock(v, indent + s.step, s))
    } else {
      lines.push(`${pad}${k}: ${inline(v)}`)
    }
  }
  return lines
}

const render = ([value, s, prefix]: [Node, Style, string]) => {
  const lines = value.kind === 'scalar' ? [value.text] : renderBlock(value, 0, s)
  const text = `${prefix}${lines.join('\n')}\n`
  return s.crlf ? text.replace(/\n/g, '\r\n') : text
}
const prefix = fc.constantFrom('', '# head\n', '\n\n')
const document = fc.tuple(node, style, prefix).map(render)
/** Config-shaped documents: a top-level mapping of lists of mappings, in every style the generator knows. */
const configDocument = fc
  .tuple(
    fc.uniqueArray(
      fc.tuple(
        configKey,
        fc.array(
          fc.uniqueArray(fc.tuple(configKey, nodeOf(configScalar, configKey)), { maxLength: 4, selector: ([k]) => k }),
          { minLength: 1, maxLength: 4 },
        ),
      ),
      { minLength: 1, maxLength: 2, selector: ([k]) => k },
    ),
    style,
    prefix,
  )
  .map(([entries, s, head]): [Node, Style, string] => [
    {
      kind: 'map',
      entries: entries.map(([k, items]) => [
        k,
        { kind: 'seq', items: items.map((fields): Node => ({ kind: 'map', entries: fields })) },
      ]),
    },
    s,
    head,
  ])
  .map(render)
/** A well-formed document with one character inserted, removed or replaced somewhere: the borders of the subset. */
const mutated = fc
  .tuple(
    document,
    fc.nat(),
    fc.constantFrom(
      ' ',
      '\n',
      ':',
      '-',
      '#',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '\t',
      '&',
      '*',
      '!',
      '|',
      '>',
      '?',
      'x',
      '0',
      '\r',
      '\u0085',
      '\ufeff',
      '',
    ),
  )
  .map(([text, at, char]) => {
    const i = text.length === 0 ? 0 : at % text.length
    return at % 3 === 0
      ? text.slice(0, i) + char + text.slice(i)
      : at % 3 === 1
        ? text.slice(0, i) + text.slice(i + 1)
        : text.slice(0, i) + char + text.slice(i + 1)
  })

describe('readYamlSubset: a proven subset of the yaml library (YAML 1.2 core)', () => {
  it.each([
    ['generated documents', document, 0],
    ['config-shaped documents', configDocument, 0.9],
    ['mutated documents', mutated, 0],
  ])(
    'answers exactly what yaml answers, with no prototypes, or declines: %s',
    (_, documents, minimumRead) => {
      let read = 0
      let runs = 0
      fc.assert(
        fc.property(documents, (text) => {
          runs++
          const fast = readYamlSubset(text)
          if (fast === undefined) return
          read++
          expect(canonical(fast), text).toBe(canonical(reference(text)))
          expect(withoutPrototypes(fast)).toBe(true)
        }),
        { numRuns: RUNS },
      )
      // The subset must carry real weight: config-shaped documents are read, not passed on.
      expect(read / runs).toBeGreaterThanOrEqual(minimumRead)
    },
    Math.max(20_000, RUNS * 40),
  )

  it('places every node where the yaml library places it', () => {
    const paths = (value: unknown, prefix: PathSegment[] = []): PathSegment[][] => {
      if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])])
      if (value && typeof value === 'object')
        return Object.entries(value).flatMap(([k, item]) => [[...prefix, k], ...paths(item, [...prefix, k])])
      return []
    }
    fc.assert(
      fc.property(configDocument, (text) => {
        const fast = parseYamlFile({ path: 'f.yaml', bytes: Buffer.from(text) }).file
        const exact = parseExactly('f.yaml', text).file
        if (!fast || !exact || readYamlSubset(text) === undefined) return
        for (const path of paths(fast.value)) {
          for (const target of ['key', 'value'] as const)
            expect(locate(fast, path, target), `${JSON.stringify(path)} ${target} in\n${text}`).toEqual(
              locate(exact, path, target),
            )
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    )
  })

  it('reads the usual config shapes, block and flow, and declines what it does not cover', () => {
    const block = 'users:\n  - user_id: a\n    user_groups: [x, y]\n    is_active: false\n  - user_id: b\n'
    expect(readYamlSubset(block)).toEqual({
      users: [{ user_id: 'a', user_groups: ['x', 'y'], is_active: false }, { user_id: 'b' }],
    })
    const flow = 'users: [\n  {user_id: a, user_groups: [x]},\n  {"user_id": "b"}\n]\n'
    expect(readYamlSubset(flow)).toEqual({ users: [{ user_id: 'a', user_groups: ['x'] }, { user_id: 'b' }] })
    expect(readYamlSubset('{"users": [{"user_id": "a\\u00e9"}]}')).toEqual({ users: [{ user_id: 'aé' }] })
    for (const outside of [
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: !!str 1\n',
      'a: 1\na: 2\n',
      '---\na: 1\n',
      'a: "multi\n  line"\n',
      '? a\n: b\n',
      'a:\tb\n',
      '',
    ]) {
      expect(readYamlSubset(outside), outside).toBeUndefined()
    }
  })

  it('reads each key as written when it is not the one that followed the same key before', () => {
    // The reader first tries the key that came after the last one last time: here a longer key, a shorter one, a key
    // with no space after its colon, and keys in another order, each where that guess is wrong.
    const text = [
      'users:',
      '  - user_id: a',
      '    email: a@example.com',
      '  - user_id: b',
      '    email_x: b',
      '  - user_id: c',
      '    emai: c',
      '  - user_id: d',
      '    email: d',
      '  - email: e',
      '    user_id: e',
      '',
    ].join('\n')
    expect(readYamlSubset(text)).toEqual({
      users: [
        { user_id: 'a', email: 'a@example.com' },
        { user_id: 'b', email_x: 'b' },
        { user_id: 'c', emai: 'c' },
        { user_id: 'd', email: 'd' },
        { email: 'e', user_id: 'e' },
      ],
    })
    expect(readYamlSubset('a: 1\nb: 2\na: 3\n')).toBeUndefined()
    // `b:x` is not a key (no space after its colon) where `b` came after `a` before: the library takes the line for a
    // scalar, which ends the mapping in an error, so the reader declines and leaves the file to it.
    expect(reference('- a: 1\n  b: 2\n- a: 1\n  b:x\n')).toBe('error')
    expect(readYamlSubset('- a: 1\n  b: 2\n- a: 1\n  b:x\n')).toBeUndefined()
  })

  it('reads __proto__ and constructor as the plain keys they are', () => {
    const value = readYamlSubset('__proto__: [a, b]\nconstructor: x\n') as Record<string, unknown>
    expect(inheritsNothing(value)).toBe(true)
    expect('toString' in value).toBe(false)
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor'])
    expect(value['__proto__']).toEqual(['a', 'b'])
  })

  it.each([
    ['0b11', '0b11'],
    ['0o17', 15],
    ['0x1F', 31],
    ['+.5', 0.5],
    ['~', null],
    ['yes', 'yes'],
    ['1_000', '1_000'],
    ['-0', -0],
    ['.NaN', NaN],
    ['-.inf', -Infinity],
    ['TRUE', true],
    ['nULL', 'nULL'],
  ])('resolves the plain scalar %s as YAML 1.2 core does', (text, expected) => {
    expect(resolvePlainScalar(text)).toStrictEqual(expected)
    expect(canonical(resolvePlainScalar(text))).toBe(
      canonical(reference(`x: ${text}\n`) && (reference(`x: ${text}\n`) as { x: unknown }).x),
    )
  })
})
