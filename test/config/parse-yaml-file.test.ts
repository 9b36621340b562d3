import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyConfigPath } from '../../src/core/config/load-config.js'
import { locate, locateIds, parseYamlFile } from '../../src/core/config/parse-yaml-file.js'
import { parse } from 'yaml'

const encode = (text: string) => new TextEncoder().encode(text)
const projectRoot = join(import.meta.dirname, '..', '..')

function configFilesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter(
    (path) => classifyConfigPath(path.split('/').slice(1).join('/')) !== undefined,
  )
}

describe('parseYamlFile', () => {
  const corpus = [
    ...configFilesUnder(join(projectRoot, 'test/fixtures/config/valid')).map((path) =>
      join(projectRoot, 'test/fixtures/config/valid', path),
    ),
    ...configFilesUnder(join(projectRoot, 'examples')).map((path) => join(projectRoot, 'examples', path)),
  ]

  it.each(corpus.map((path) => [path.slice(projectRoot.length + 1), path]))(
    '%s: the fast path reads the same value and ids as the yaml library',
    (_, path) => {
      const bytes = readFileSync(path)
      const { file } = parseYamlFile({ path, bytes })
      expect(file).toBeDefined()
      expect(file!.value).toEqual(parse(new TextDecoder().decode(bytes), { version: '1.2' }))
      const value = file!.value as Record<string, { user_id?: string; user_group_id?: string }[]>
      for (const [listKey, idKey] of [
        ['users', 'user_id'],
        ['user_groups', 'user_group_id'],
      ] as const) {
        const ids = (value[listKey] ?? []).map((row) => row[idKey])
        expect(locateIds(file!, listKey, idKey, ids)).toEqual(
          ids.map((_, index) => locate(file!, [listKey, index, idKey])),
        )
      }
    },
  )

  it.each([
    ['plain and quoted ids', 'users:\n  - user_id: a\n  - user_id: "b c"\n  - user_id: \'d\' # note\n'],
    ['a user_id key nested in an item', 'users:\n  - user_id: a\n    extra:\n      user_id: z\n  - user_id: b\n'],
    ['an item without an id', 'users:\n  - firstname: x\n    extra:\n      user_id: b\n  - user_id: b\n'],
    ['flow items', 'users:\n  - {user_id: a}\n  - user_id: b\n'],
    ['a flow item last', 'users:\n  - user_id: a\n  - {user_id: b}\n'],
    ['a flow item, then a nested id', 'users:\n  - {user_id: a}\n  - extra:\n      user_id: a\n    user_id: b\n'],
    ['a block scalar holding an id', 'users:\n  - user_id: a\n    firstname: |\n      user_id: a\n'],
    ['escapes in quotes', "users:\n  - user_id: \"a\\\"b\"\n  - user_id: 'it''s'\n"],
    ['an id that is a number', 'users:\n  - user_id: 12\n  - user_id: b\n'],
  ])('places ids the reader noted, or falls back, where the yaml document does: %s', (_, text) => {
    const { file } = parseYamlFile({ path: 'u.yaml', bytes: encode(text) }, 'user_id')
    const ids = (file!.value as { users: { user_id?: unknown }[] }).users.map((row) => row.user_id)
    expect(locateIds(file!, 'users', 'user_id', ids)).toEqual(
      ids.map((_, index) => locate(file!, ['users', index, 'user_id'])),
    )
  })

  it('reports a syntax error at its line without throwing', () => {
    const { file, problems } = parseYamlFile({ path: 'u.yaml', bytes: encode('users:\n  - user_id: [a\n') })
    expect(file).toBeUndefined()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'u.yaml', message: expect.stringMatching(/^YAML syntax error: /) })
  })

  it('bounds alias expansion', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      )
    const started = performance.now()
    const { problems } = parseYamlFile({ path: 'bomb.yaml', bytes: encode(`${levels.join('\n')}\n`) })
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringContaining('aliases expand too far')])
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('accepts an anchor reused a few hundred times', () => {
    const users = Array.from({ length: 300 }, (_, i) => `  - user_id: u${i}\n    user_groups: *std\n`).join('')
    const { file, problems } = parseYamlFile({ path: 'u.yaml', bytes: encode(`std: &std [a, b]\nusers:\n${users}`) })
    expect(problems).toEqual([])
    expect((file!.value as { users: unknown[] }).users).toHaveLength(300)
  })

  it('names the line and column of the first byte that is not UTF-8', () => {
    const bytes = Uint8Array.from([...encode('users:\n  - user_id: ab'), 0xc3, 0x28, ...encode('\n')])
    expect(parseYamlFile({ path: 'u.yaml', bytes }).problems).toEqual([
      { file: 'u.yaml', line: 2, column: 16, message: 'the file is not valid UTF-8 text; save it as UTF-8' },
    ])
  })

  it('rejects overlong encodings and surrogates as not UTF-8', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      const { problems } = parseYamlFile({ path: 'u.yaml', bytes: Uint8Array.from([...encode('x: '), ...bad]) })
      expect(problems[0]).toMatchObject({ line: 1, column: 4 })
    }
  })

  it('turns deep nesting into a problem, not a crash', () => {
    const depth = 100_000
    const { problems } = parseYamlFile({
      path: 'deep.yaml',
      bytes: encode(`users: ${'['.repeat(depth)}${']'.repeat(depth)}\n`),
    })
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.file).toBe('deep.yaml')
  })
})
