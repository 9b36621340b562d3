import { GOODDATA_CLOUD } from '../../src/core/targets/profiles.js'
import fc from 'fast-check'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseYamlFile } from '../../src/core/config/parse-yaml-file.js'
import { renderExport } from '../../src/core/export/render-export.js'
import { writeYamlScalar, type ScalarContext } from '../../src/core/export/write-yaml-scalar.js'

// 1,200 strings per property in `npm test`; PROPERTY_RUNS=500 gives 10,000.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60') * 20

/** The `yaml` library as the config loader calls it (YAML 1.2 core), and the loader itself (fast path, else the library). */
function readBothWays(text: string): unknown[] {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, strict: true })
  const loaded = parseYamlFile({ path: 'x.yaml', bytes: new TextEncoder().encode(text) })
  return [
    doc.errors.length > 0 ? doc.errors[0]!.message : doc.toJS(),
    loaded.problems[0]?.message ?? { ...(loaded.file?.value as object) },
  ]
}

const tricky = fc.constantFrom(
  ...[
    '0b101',
    '0b11',
    '0o17',
    '0o8',
    '0x1F',
    '0X1F',
    '017',
    '1_000',
    '1e5',
    '1E+5',
    '.5E-3',
    '+.5',
    '-.5',
    '.5',
    '5.',
    '+12',
    '-0',
  ],
  ...[
    '.inf',
    '-.Inf',
    '.NaN',
    'nan',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    '',
    'true',
    'False',
    'TRUE',
    'yes',
    'no',
    'on',
    'y',
  ],
  ...[
    'a: b',
    'a:',
    'a:b',
    ': a',
    'a #b',
    'a#b',
    ' #',
    '# x',
    ' a',
    'a ',
    '  ',
    '\t',
    'a\tb',
    "it's",
    '"q"',
    "'s'",
    '\\',
  ],
  ...[
    '[',
    ']',
    '{',
    '}',
    ',',
    'a,b',
    'a]b',
    '-',
    '- a',
    '-a',
    '?',
    '? a',
    '?a',
    '&a',
    '*a',
    '!a',
    '!!str',
    '|',
    '>',
    '%a',
    '@a',
  ],
  ...[
    '`a',
    '---',
    '...',
    'a\nb',
    'a\r\nb',
    '\u0085',
    '\u2028',
    '\u2029',
    '\ufeff',
    '\ufffe',
    '\uffff',
    '\x7f',
    '\x00',
    '\x1b',
  ],
  ...[
    '\ud800',
    '\udc00',
    'a\ud83d',
    '😀',
    'María García',
    '日本',
    '\u00a0',
    'a\u00a0',
    '\u3000',
    'https://x.example.com:8443/p?q#f',
  ],
)
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))
const pieces = fc.oneof(
  { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9 ._:#@,[\]{}'"\\-]{0,6}$/) },
  { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
)
const text = fc.oneof(
  tricky,
  fc.array(pieces, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
)

const layouts: [ScalarContext, (written: string) => string, (value: string) => unknown][] = [
  ['block', (written) => `k: ${written}\n`, (value) => ({ k: value })],
  [
    'block',
    (written) => `users:\n  - user_id: ${written}   # a comment\n`,
    (value) => ({ users: [{ user_id: value }] }),
  ],
  ['flow', (written) => `k: [${written}]\n`, (value) => ({ k: [value] })],
  ['flow', (written) => `k: [a, ${written}, b]\n`, (value) => ({ k: ['a', value, 'b'] })],
]

describe('writeYamlScalar: what export writes reads back as the same string', () => {
  it.each(layouts)('as a %s value (%#)', (context, line, expected) => {
    fc.assert(
      fc.property(text, (value) => {
        expect(readBothWays(line(writeYamlScalar(value, context)))).toEqual([expected(value), expected(value)])
      }),
      { numRuns: RUNS },
    )
  })

  it('in a whole exported tree, names and ids in every field and list', () => {
    const ids = fc.stringMatching(/^[A-Za-z0-9_-][.A-Za-z0-9_-]{0,10}$/)
    fc.assert(
      fc.property(text, text, ids, (first, last, id) => {
        const actual = {
          users: [{ id, firstname: first, lastname: last, authId: first, userGroups: [id], unmanaged: {} }],
          userGroups: [{ id, name: last, parents: [] }],
          protectedIds: [{ kind: 'user' as const, id, reason: 'token' }],
        }
        for (const [path, written] of renderExport(actual, {
          profile: GOODDATA_CLOUD,
          host: 'https://x.example.com',
          layout: 'per-group',
        }).files) {
          const [library, loader] = readBothWays(written)
          expect(loader, `${path}:\n${written}`).toEqual(library)
          expect(typeof library, `${path}:\n${written}`).toBe('object')
        }
        const [users] = readBothWays(
          renderExport(actual, { profile: GOODDATA_CLOUD, host: 'h', layout: 'single' }).files.get('users.yaml')!,
        )
        const expected =
          first.length > 255 || last.length > 255
            ? []
            : [{ user_id: id, firstname: first, lastname: last, auth_id: first, user_groups: [id] }]
        expect(users).toEqual({ users: expected })
      }),
      { numRuns: RUNS / 4 },
    )
  })
})

describe('writeYamlScalar: plain only where plain is safe', () => {
  it.each([
    ['0b101', 'block', '0b101'],
    ['0x1F', 'block', '"0x1F"'],
    ['0o17', 'block', '"0o17"'],
    ['+.5', 'block', '"+.5"'],
    ['~', 'block', '"~"'],
    ['null', 'flow', '"null"'],
    ['False', 'block', '"False"'],
    ['yes', 'block', 'yes'],
    ['john.doe@example.com', 'block', 'john.doe@example.com'],
    ['María García', 'block', 'María García'],
    ['https://x.example.com:8443', 'block', 'https://x.example.com:8443'],
    ['https://x.example.com:8443', 'flow', '"https://x.example.com:8443"'],
    ['a,b', 'block', 'a,b'],
    ['a,b', 'flow', '"a,b"'],
    ['a: b', 'block', '"a: b"'],
    ['a #b', 'block', '"a #b"'],
    [' a', 'block', '" a"'],
    ['-a', 'block', '"-a"'],
    ['@a', 'block', '"@a"'],
    ['', 'block', '""'],
    ['a\u2028b', 'block', '"a\\u2028b"'],
    ['\x7f\u0085\ufeff', 'block', '"\\u007f\\u0085\\ufeff"'],
    ['\ud800', 'block', '"\\ud800"'],
    ['tab\there', 'block', '"tab\\there"'],
  ] as const)('%j as a %s value is written %s', (value, context, written) => {
    expect(writeYamlScalar(value, context)).toBe(written)
  })
})
