import fc from 'fast-check'
import jsYaml from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { readBlockSubset } from '../../src/core/config/read-block-subset.js'

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60') * 20
const official = (text: string): unknown => {
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA })
  } catch {
    return 'error'
  }
}

// Tokens that sit on both sides of the subset's borders: plain text, YAML specials, numbers, quotes, comments.
const token = fc.oneof(
  fc.constantFrom('john.doe', 'María García', "O'Brien", 'oidc|john', 'a@b.c', 'x/y=z', '(x)', 'Group 7', '.hidden', 'a-b_c'),
  fc.constantFrom('true', 'False', 'TRUE', 'yes', 'null', 'Null', '~', '.inf', '-.inf', '.NaN', '123', '1e3', '0x1F', '0o17', '1_000', '+1', '-1', '1st', '1.5', '3d', '12:30', '1:2'),
  fc.constantFrom('"quoted"', '"with \\"escape\\""', "'single'", "'it''s'", '"a # b"', 'a # comment', 'a: b', '[x]', '{a: 1}', '&anchor', '*alias', '!tag', '|', '>', '- x', '#x', '%x', '@x', '`x', 'x ', ''),
  fc.string({ maxLength: 12 }),
)
const flowList = fc.array(token, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`)
const value = fc.oneof(token, flowList, fc.constant(''))
const field = fc.constantFrom('user_id', 'firstname', 'email', 'user_groups', 'is_active', 'parent_user_groups', 'Bad', 'x')
const itemLines = fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 5 })
const document = fc
  .tuple(fc.constantFrom('users', 'user_groups', 'Users'), fc.array(itemLines, { maxLength: 5 }), fc.constantFrom(0, 2, 4), fc.boolean(), fc.constantFrom('', '# note\n', '\n'))
  .map(([top, items, indent, empty, prefix]) => {
    if (empty && items.length === 0) return `${prefix}${top}: []\n`
    const pad = ' '.repeat(indent)
    const body = items.map((lines) => lines.map(([key, raw], i) => `${i === 0 ? `${pad}- ` : `${pad}  `}${key}:${raw === '' ? '' : ` ${raw}`}`).join('\n')).join('\n')
    return `${prefix}${top}:\n${body}\n`
  })

describe('readBlockSubset', () => {
  it('answers what js-yaml answers, or declines', () => {
    let answered = 0
    fc.assert(
      fc.property(document, (text) => {
        const fast = readBlockSubset(text)
        if (fast === undefined) return
        answered++
        expect(fast).toEqual(official(text))
      }),
      { numRuns: RUNS },
    )
    // The property means something only if the reader does answer often.
    expect(answered).toBeGreaterThan(RUNS / 10)
  })

  it('reads the usual files and declines the unusual ones', () => {
    expect(readBlockSubset('users:\n  - user_id: a\n    user_groups: [x, y]\n    is_active: false\n  - user_id: b\n')).toEqual({ users: [{ user_id: 'a', user_groups: ['x', 'y'], is_active: false }, { user_id: 'b' }] })
    expect(readBlockSubset('users: []\n')).toEqual({ users: [] })
    for (const unusual of ['users:\n  - user_id: 123\n', 'users:\n  - user_id: a # c\n', 'users:\n  - user_id: |\n      a\n', 'users:\r\n  - user_id: a\r\n', 'users:\n  - user_id: a\n    user_id: b\n', 'users:\n  - user_id: a\n      x: y\n']) {
      expect(readBlockSubset(unusual)).toBeUndefined()
    }
  })
})
