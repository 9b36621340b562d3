import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { renderPlanComment } from '../../src/core/render/render-plan-markdown.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from '../cli/capture-io.js'
import { actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60')
const root = mkdtempSync(join(tmpdir(), 'upa-hostile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let generated = 0

/** Validates a config folder made of `files`; checks the outcome is an exit code and messages, never a crash. */
async function expectCleanValidation(files: Record<string, string | Uint8Array>) {
  const dir = join(root, `case-${generated++}`)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  const cli = captureIo(root)
  const started = performance.now()
  const exitCode = await runCli(['validate', '--config', `case-${generated - 1}`], cli.io)
  const elapsed = performance.now() - started
  expect(elapsed).toBeLessThan(5_000)
  expect([0, 1]).toContain(exitCode)
  expect(cli.stderr()).toBe('')
  const lines = cli.stdout().trimEnd().split('\n')
  expect(lines.join('\n')).not.toMatch(/\n\s+at \S|internal error/)
  if (exitCode === 1) {
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(/^(case-\d+\/[^:]+:\d+:\d+: .+|… and \d[\d,]* more problems? not listed)$/)
  }
}

const anyKey = fc.constantFrom(
  'user_id',
  'firstname',
  'lastname',
  'email',
  'auth_id',
  'user_groups',
  'is_active',
  'user_group_id',
  'user_group_name',
  'parent_user_groups',
  'emial',
  '',
  '<',
  '&a',
  '*',
)
const confusable = fc.constantFrom('аdmin', 'jоhn', 'ｕser', 'j\u200bohn', 'ad\u0301min', 'İ', 'user\u202e')
const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ minLength: 256, maxLength: 3_000 }),
  confusable,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
)
const hostileEntry = fc.dictionary(anyKey, hostileValue, { maxKeys: 6 })

describe('hostile config input: validate ends in time, with exit 0 or 1 and messages naming a file', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) =>
        expectCleanValidation({ 'users.yaml': bytes }),
      ),
      { numRuns: RUNS },
    )
  })

  it('random text, with BOMs and CRLF', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 1_000 }), fc.boolean(), fc.boolean(), async (text, bom, crlf) => {
        const body = `${bom ? '\ufeff' : ''}${crlf ? text.replace(/\n/g, '\r\n') : text}`
        await expectCleanValidation({
          'users.yaml': body,
          'groups.yaml': `${bom ? '\ufeff' : ''}user_groups: []${crlf ? '\r\n' : '\n'}`,
        })
      }),
      { numRuns: RUNS },
    )
  })

  it('well-formed YAML of the wrong shape: wrong types, unknown keys, huge strings, confusable ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileEntry, { maxLength: 8 }),
        fc.array(hostileEntry, { maxLength: 8 }),
        async (users, groups) => {
          await expectCleanValidation({
            'users.yaml': stringify({ users }),
            'groups/team.yaml': stringify({ user_groups: groups }),
          })
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('deep nesting and alias bombs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 12 }),
        async (depth, width, levels) => {
          const bomb = [`a0: &a0 [${Array(width).fill('x').join(', ')}]`]
          for (let i = 1; i < levels; i++)
            bomb.push(
              `a${i}: &a${i} [${Array(width)
                .fill(`*a${i - 1}`)
                .join(', ')}]`,
            )
          await expectCleanValidation({
            'users.yaml': `users: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
            'groups.yaml': `${bomb.join('\n')}\nuser_groups: *a${levels - 1}\n`,
          })
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('rejects confusable ids, naming the file and line', async () => {
    for (const id of ['аdmin', 'jоhn', 'ｕser', 'j\u200bohn']) {
      const cli = captureIo(root)
      const dir = join(root, `confusable-${generated++}`)
      mkdirSync(dir)
      writeFileSync(join(dir, 'users.yaml'), `users:\n  - user_id: ${id}\n`)
      expect(await runCli(['validate', '--config', dir], cli.io)).toBe(1)
      expect(cli.stdout()).toMatch(/users\.yaml:2:14: ".+" is not a valid (user )?id/)
    }
  })
})

describe('values from YAML cannot break or inject into what is rendered', () => {
  const ALLOWED_TAGS = /<\/?(details|summary|code|sub|br)( open)?>|<!-- user-provisioning-action \{.*?\} -->/g

  it('the PR comment keeps its structure and has no markup of the values’ own', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (firstname, lastname) => {
        const desired = desiredState(
          [desiredUser('u', { firstname, lastname, userGroups: ['g'] }), desiredUser('v', { firstname: lastname })],
          [desiredGroup('g', { name: firstname || 'g' })],
        )
        const plan = computePlan(desired, actualState([actualUser('v', { firstname })], []))
        // Empty comments split links and mentions; they are ours, like the marker.
        const comment = renderPlanComment(plan, { config: 'c', host: 'h' }).replace(/<!-- -->/g, '')
        expect(comment.replace(ALLOWED_TAGS, '')).not.toMatch(/[<>]/)
        expect(comment.match(/<details/g)?.length).toBe(comment.match(/<\/details>/g)?.length)
        expect(comment.match(/<!--/g)).toHaveLength(1)
      }),
      { numRuns: RUNS * 5 },
    )
  })

  it('terminal text never lets a value start a line, so no workflow command (::set-output, ::add-mask::) reaches a log', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).map((text) => `${text}\n::add-mask::${text}\r::set-output name=x::y\u2028`),
        (value) => {
          const plan = computePlan(
            desiredState([desiredUser('u', { firstname: value, email: value })], [desiredGroup('g', { name: value })]),
            actualState([actualUser('u', { lastname: value })], []),
          )
          const text = renderPlanText(plan, { config: 'c', host: 'h' }, { color: false })
          for (const line of text.split(/\r\n|\n|\r|\u2028|\u2029/))
            expect(line.trimStart().startsWith('::')).toBe(false)
        },
      ),
      { numRuns: RUNS * 5 },
    )
  })
})
