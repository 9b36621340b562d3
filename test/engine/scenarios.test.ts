import { afterEach, describe, expect, it } from 'vitest'
import { changeLines, group, organization, scenario, user } from '../support/scenario.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setUp(...args: Parameters<typeof scenario>) {
  const running = await scenario(...args)
  closers.push(running.close)
  return running
}

const GROUPS = `user_groups:
  - user_group_id: everyone
    user_group_name: Everyone
  - user_group_id: analysts
    user_group_name: Analysts
    parent_user_groups: [everyone]
  - user_group_id: finance
    parent_user_groups: [analysts]
`

describe('plan and apply against the emulator', () => {
  it('creates everything from an empty organization, parents before children, and converges', async () => {
    const s = await setUp(
      {
        'groups.yaml': GROUPS,
        'users.yaml':
          'users:\n  - user_id: ann\n    email: ann@example.com\n    user_groups: [finance]\n  - user_id: bob\n',
      },
      { seed: organization() },
    )
    const { plan, exitCode } = await s.planJson('--detailed-exitcode')
    expect(exitCode).toBe(2)
    expect(changeLines(plan)).toEqual([
      'create user_group everyone',
      'create user_group analysts',
      'create user_group finance',
      'create user ann',
      'create user bob',
    ])
    expect((await s.run('apply')).exitCode).toBe(0)
    const posts = s.emulator.requestLog
      .filter((entry) => entry.method === 'POST' && entry.path.endsWith('userGroups'))
      .map((entry) => (entry.requestBody as { data: { id: string } }).data.id)
    expect(posts).toEqual(['everyone', 'analysts', 'finance'])
    expect(s.emulator.state.users.get('ann')).toEqual(user('ann', ['finance'], { email: 'ann@example.com' }))
    expect(s.emulator.state.userGroups.get('finance')).toEqual(group('finance', ['analysts'], 'finance'))
    expect((await s.planJson('--detailed-exitcode')).exitCode).toBe(0)
  })

  it('updates names, emails, auth ids, memberships and parents, field by field', async () => {
    const s = await setUp(
      {
        'groups.yaml': GROUPS,
        'users.yaml':
          'users:\n  - user_id: ann\n    firstname: Ann\n    email: ann@new.example\n    auth_id: oidc|ann\n    user_groups: [analysts]\n',
      },
      {
        seed: organization({
          users: [user('ann', ['everyone'], { firstname: 'Anne', email: 'ann@old.example' })],
          userGroups: [
            group('everyone', [], 'Everyone'),
            group('analysts', [], 'analysts'),
            group('finance', ['everyone']),
          ],
        }),
      },
    )
    const { plan } = await s.planJson()
    expect(changeLines(plan)).toEqual(['update user_group analysts', 'update user_group finance', 'update user ann'])
    expect(plan.changes[2]!.fields).toEqual([
      { field: 'firstname', type: 'value', before: 'Anne', after: 'Ann' },
      { field: 'email', type: 'value', before: 'ann@old.example', after: 'ann@new.example' },
      { field: 'auth_id', type: 'value', after: 'oidc|ann' },
      { field: 'user_groups', type: 'set', added: ['analysts'], removed: ['everyone'] },
    ])
    expect(plan.changes[0]!.fields).toEqual([
      { field: 'user_group_name', type: 'value', before: 'analysts', after: 'Analysts' },
      { field: 'parent_user_groups', type: 'set', added: ['everyone'], removed: [] },
    ])
    expect((await s.run('apply')).exitCode).toBe(0)
    expect(s.emulator.state.users.get('ann')).toEqual(
      user('ann', ['analysts'], { firstname: 'Ann', email: 'ann@new.example', authenticationId: 'oidc|ann' }),
    )
    expect(s.emulator.state.userGroups.get('finance')!.parents).toEqual(['analysts'])
    expect(changeLines((await s.planJson()).plan)).toEqual([])
  })

  it('deletes what a full load does not declare; a renamed id is a delete plus a create', async () => {
    const s = await setUp(
      { 'users.yaml': 'users:\n  - user_id: ann.smith\n', 'groups.yaml': 'user_groups:\n  - user_group_id: team\n' },
      {
        seed: organization({
          users: [user('ann'), user('gone')],
          userGroups: [group('team', [], 'team'), group('old-team')],
        }),
      },
    )
    const { plan } = await s.planJson()
    expect(changeLines(plan)).toEqual([
      'create user ann.smith',
      'delete user ann',
      'delete user gone',
      'delete user_group old-team',
    ])
    expect((await s.run('apply')).exitCode).toBe(0)
    expect([...s.emulator.state.users.keys()].sort()).toEqual(['admin', 'ann.smith'])
    expect([...s.emulator.state.userGroups.keys()].sort()).toEqual(['adminGroup', 'team'])
  })

  it('skips and reports a protected user in the config, and never touches the bootstrap group', async () => {
    const s = await setUp(
      {
        'provisioning.yaml': 'protected:\n  users: [svc-*]\n',
        'users.yaml':
          'users:\n  - user_id: admin\n    firstname: Changed\n  - user_id: svc-etl\n    firstname: Changed\n  - user_id: ann\n',
        'groups.yaml': 'user_groups:\n  - user_group_id: adminGroup\n    user_group_name: Renamed\n',
      },
      { seed: organization({ users: [user('svc-etl'), user('svc-old')] }) },
    )
    const { plan } = await s.planJson()
    expect(changeLines(plan)).toEqual(['create user ann'])
    expect(plan.skipped.map((skip) => `${skip.kind} ${skip.id} ${skip.would_have}: ${skip.reason}`)).toEqual([
      "user admin update: protected: the token's own user and the organization's bootstrap user",
      'user svc-etl update: protected: matches "svc-*" in provisioning.yaml',
      'user svc-old delete: protected: matches "svc-*" in provisioning.yaml',
      'user_group adminGroup update: protected: the organization\'s bootstrap group and its member "admin" is the token\'s own user',
    ])
    expect((await s.run('apply')).exitCode).toBe(0)
    expect(s.emulator.state.users.get('admin')).toEqual(user('admin', ['adminGroup']))
    expect(s.emulator.state.userGroups.get('adminGroup')).toEqual(group('adminGroup'))
    expect(
      s.emulator.requestLog.filter((entry) => entry.path.includes('adminGroup') || entry.path.endsWith('/admin')),
    ).toEqual([])
  })

  it('keeps undeclared users that match an unmanaged glob', async () => {
    const s = await setUp(
      {
        'provisioning.yaml': 'unmanaged:\n  users: ["sso-*"]\n',
        'users.yaml': 'users:\n  - user_id: sso-declared\n    firstname: Managed\n',
      },
      { seed: organization({ users: [user('sso-1'), user('sso-2'), user('other'), user('sso-declared')] }) },
    )
    const { plan } = await s.planJson()
    expect(changeLines(plan)).toEqual(['update user sso-declared', 'delete user other'])
    expect(plan.skipped.filter((skip) => skip.reason.startsWith('unmanaged')).map((skip) => skip.id)).toEqual([
      'sso-1',
      'sso-2',
    ])
  })

  it('on an incremental load touches only what is declared, and deletes tombstones', async () => {
    const s = await setUp(
      {
        'provisioning.yaml': 'load: incremental\n',
        'users.yaml':
          'users:\n  - user_id: ann\n    user_groups: [existing]\n  - user_id: gone\n    is_active: false\n  - user_id: never-existed\n    is_active: false\n',
      },
      { seed: organization({ users: [user('gone'), user('bystander')], userGroups: [group('existing')] }) },
    )
    const { plan } = await s.planJson()
    expect(changeLines(plan)).toEqual(['create user ann', 'delete user gone'])
    expect((await s.run('apply')).exitCode).toBe(0)
    expect([...s.emulator.state.users.keys()].sort()).toEqual(['admin', 'ann', 'bystander'])
  })

  it('on an incremental load reports a group neither declared nor on the target, and sends no write', async () => {
    const s = await setUp(
      {
        'provisioning.yaml': 'load: incremental\n',
        'users.yaml': 'users:\n  - user_id: ann\n    user_groups: [typo]\n',
      },
      { seed: organization() },
    )
    const result = await s.run('apply')
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      'config/users.yaml:2:14: user "ann" references group "typo", which is neither declared nor on the target',
    )
    expect(s.emulator.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
  })
})

describe('safety limits', () => {
  const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => user(`${prefix}${i}`))

  it.each([
    [
      'max_deletions',
      'limits:\n  max_deletions: 2\n',
      'users:\n  - user_id: keep\n',
      /deletes 3 users and user groups; limits.max_deletions allows 2/,
    ],
    [
      'max_deletion_ratio (default 0.25)',
      '',
      `users:\n${Array.from({ length: 12 }, (_, i) => `  - user_id: u${i}\n`).join('')}`,
      /deletes 8 of 20 managed users \(40%\); limits.max_deletion_ratio allows 25%/,
    ],
    [
      'an empty config on a full load',
      '',
      'users: []\n',
      /the config declares no users, so a full load would delete all 20 managed users/,
    ],
  ])('%s blocks the plan and apply; --allow-blocked overrides', async (_, provisioning, users, reason) => {
    const seed = organization({ users: many('u', provisioning.includes('max_deletions') ? 3 : 20) })
    const files: Record<string, string> = { 'users.yaml': users }
    if (provisioning) files['provisioning.yaml'] = provisioning
    const s = await setUp(files, { seed })
    const { plan, exitCode } = await s.planJson()
    expect(exitCode).toBe(3)
    expect(plan.blocked).toBe(true)
    expect(plan.blocked_reasons.join('\n')).toMatch(reason)
    const refused = await s.run('apply')
    expect(refused.exitCode).toBe(3)
    expect(refused.stderr).toMatch(/Nothing was applied: the plan is blocked/)
    expect(s.emulator.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
    expect((await s.run('apply', '--allow-blocked')).exitCode).toBe(0)
    expect(s.emulator.requestLog.filter((entry) => entry.method === 'DELETE').length).toBeGreaterThan(0)
  })

  it('does not apply the ratio to 5 deletions or fewer, so a small organization can still remove someone', async () => {
    const s = await setUp(
      { 'users.yaml': 'users:\n  - user_id: u0\n' },
      { seed: organization({ users: many('u', 3) }) },
    )
    const { plan, exitCode } = await s.planJson()
    expect(exitCode).toBe(0)
    expect(plan.blocked).toBe(false)
    expect(plan.summary.users.delete).toBe(2)
  })
})

describe('failures during apply', () => {
  it('reports what succeeded and failed, skips what depends on a failure, and a re-run converges', async () => {
    let failNextFinancePost = true
    const s = await setUp(
      {
        'groups.yaml': GROUPS,
        'users.yaml':
          'users:\n  - user_id: ann\n    user_groups: [finance]\n  - user_id: bob\n    user_groups: [analysts]\n',
      },
      {
        seed: organization(),
        injectFault: ({ method, path }) =>
          method === 'POST' &&
          path.endsWith('/userGroups') &&
          failNextFinancePost &&
          s.emulator.requestLog.filter((e) => e.method === 'POST').length === 2
            ? ((failNextFinancePost = false), '400')
            : undefined,
      },
    )
    const first = await s.run('apply', '--format', 'json')
    expect(first.exitCode).toBe(1)
    const journal = (
      JSON.parse(first.stdout) as { apply: { journal: { id: string; outcome: string; waits_for?: string[] }[] } }
    ).apply.journal
    expect(journal.map((entry) => `${entry.id}: ${entry.outcome}`)).toEqual([
      'everyone: applied',
      'analysts: applied',
      'finance: failed',
      'ann: skipped',
      'bob: applied',
    ])
    expect(journal[3]!.waits_for).toEqual(['userGroup:finance'])
    const second = await s.run('apply')
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toContain('Apply: applied 2 of 2 changes.')
    expect((await s.planJson('--detailed-exitcode')).exitCode).toBe(0)
  })
})

describe('the plan is stable', () => {
  it('renders byte-identical Markdown for the same inputs, whatever order the target lists things in', async () => {
    const users = [user('b', ['g1']), user('a', ['g2']), user('c')]
    const groups = [group('g2', ['g1']), group('g1'), group('g3')]
    const files = {
      'groups.yaml': 'user_groups:\n  - user_group_id: g1\n  - user_group_id: g2\n    parent_user_groups: [g1]\n',
      'users.yaml': 'users:\n  - user_id: a\n    user_groups: [g1]\n  - user_id: d\n',
    }
    const first = await setUp(files, { seed: organization({ users, userGroups: groups }) })
    const second = await setUp(files, {
      seed: organization({ users: [...users].reverse(), userGroups: [...groups].reverse() }),
    })
    const markdown = async (s: typeof first) =>
      (await s.run('plan', '--format', 'markdown')).stdout.replaceAll(String(s.emulator.port), 'PORT')
    const one = await markdown(first)
    expect(await markdown(second)).toBe(one)
    expect(await markdown(first)).toBe(one)
    expect(one).toContain('<!-- user-provisioning-action {"config":"config","host":"')
  })
})
