import { afterEach, expect, it } from 'vitest'
import { organization, scenario, user } from '../support/scenario.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

it('two applies started together end in the state of the YAML, and report their conflicts instead of losing them', async () => {
  const users = Array.from({ length: 150 }, (_, i) => `  - user_id: u${i}\n    user_groups: [team]\n`).join('')
  const s = await scenario(
    {
      'provisioning.yaml': 'limits:\n  max_deletion_ratio: 1\n',
      'groups.yaml': 'user_groups:\n  - user_group_id: team\n',
      'users.yaml': `users:\n${users}`,
    },
    { latencyMs: 3, seed: organization({ users: Array.from({ length: 50 }, (_, i) => user(`old${i}`)) }) },
  )
  closers.push(s.close)
  const [first, second] = await Promise.all([
    s.run('apply', '--format', 'json', '--concurrency', '4'),
    s.run('apply', '--format', 'json', '--concurrency', '4'),
  ])
  type Entry = { id: string; action: string; outcome: string; error?: string }
  const journals = [first, second].map(
    (run) => JSON.parse(run.stdout) as { changes: unknown[]; apply: { journal: Entry[] } },
  )
  for (const journal of journals) expect(journal.apply.journal).toHaveLength(journal.changes.length)
  // Every change is accounted for by one run or the other; a conflict is a reported failure, never silence.
  const outcomes = journals.flatMap((journal) => journal.apply.journal)
  const failures = outcomes.filter((entry) => entry.outcome === 'failed')
  for (const failure of failures)
    expect(failure.error).toMatch(/created by someone else since the plan was made; plan again|→ 4\d\d/)
  expect([first.exitCode, second.exitCode].every((code) => code === 0 || code === 1)).toBe(true)
  if (failures.length > 0) expect([first.exitCode, second.exitCode]).toContain(1)
  const final = await s.planJson('--detailed-exitcode')
  expect(final.exitCode).toBe(0)
  expect(s.emulator.state.users.get('admin')).toEqual(user('admin', ['adminGroup']))
  expect(s.emulator.state.userGroups.has('adminGroup')).toBe(true)
})
