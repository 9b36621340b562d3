import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { GOODDATA_PLATFORM } from '../../src/core/targets/profiles.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
} from '../emulators/gooddata-platform/server.js'
import { desiredGroup, desiredUser } from '../support/states.js'
import {
  applyOnce,
  changeLines,
  groupNamed,
  legacy,
  platformSessions,
  platformTarget,
  requestLines,
} from './gooddata-platform-setup.js'

const setUp = platformSessions()
const PROJECT_USERS = `/gdc/projects/${DEFAULT_PROJECT}/users`

const person = (
  login: string,
  firstname: string,
  lastname: string,
  fields: { role?: string; userGroups?: string[]; email?: string } = {},
) => desiredUser(login, { firstname, lastname, ...fields })

/** examples/gooddata-platform, as the config loader would give it. */
const DEMO_USERS = [
  person('admin@example.com', 'Domain', 'Admin', { role: 'adminRole' }),
  person('john.doe@example.com', 'John', 'Doe', { role: 'readOnlyUser', userGroups: ['analysts'] }),
  person('jane.smith@example.com', 'Jane', 'Smith', { role: 'editor', userGroups: ['analysts', 'data-engineers'] }),
  person('maria.garcia@example.com', 'María', 'García', { userGroups: ['finance-viewers'] }),
  person('sara.nilsson@example.com', 'Sara', 'Nilsson', { role: 'adminRole' }),
  person('li.wei@example.com', 'Li', 'Wei', { role: 'editor', userGroups: ['data-engineers'] }),
  person('sam.lee@example.com', 'Sam', 'Lee', { role: 'dashboardOnly', userGroups: ['analysts'] }),
]
const DEMO_GROUPS = [
  desiredGroup('analysts', { name: 'Analysts' }),
  desiredGroup('data-engineers', { name: 'Data engineers' }),
  desiredGroup('finance-viewers', { name: 'Finance viewers' }),
]

describe('plan and apply against the legacy GoodData Platform emulator', () => {
  it('brings the demo project to examples/gooddata-platform in one apply, project users in one batch; a second plan has nothing to do', async () => {
    const { emulator, target } = await setUp()
    const { plan, result } = await applyOnce(target, legacy(DEMO_USERS, DEMO_GROUPS))
    const finance = groupNamed(emulator, 'Finance viewers')!.id
    const analysts = groupNamed(emulator, 'Analysts')!.id
    const engineers = groupNamed(emulator, 'Data engineers')!.id
    expect(plan.blocked).toBe(false)
    expect(changeLines(plan)).toEqual([
      `update ${finance}`,
      'update john.doe@example.com',
      'create li.wei@example.com',
      `add-member li.wei@example.com → ${engineers}`,
      'enable maria.garcia@example.com',
      'create sam.lee@example.com',
      `add-member sam.lee@example.com → ${analysts}`,
      'disable old.contractor@example.com',
    ])
    expect(plan.skipped.map((skipped) => `${skipped.id}: ${skipped.reason}`)).toEqual([
      'partner.analyst@partner.example: protected: an account of another domain (partner-domain)',
      `${groupNamed(emulator, 'Legacy team')!.id}: left alone: groups this config does not declare keep their members on the legacy GoodData Platform (declare one with is_active: false to delete it)`,
    ])
    expect(result.counts).toEqual({ applied: 8, failed: 0, skipped: 0 })
    // The enable, the role, both creates and the disable in one request: no phase holds the disable back,
    // and old.contractor is no administrator whose removal must wait for another.
    expect(requestLines(emulator).filter((line) => line === `POST ${PROJECT_USERS}`)).toHaveLength(1)
    expect(emulator.state.membershipOf('john.doe@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.membershipOf('maria.garcia@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.membershipOf('li.wei@example.com')).toEqual({ roles: ['editorRole'], status: 'ENABLED' })
    expect(emulator.state.membershipOf('sam.lee@example.com')).toEqual({
      roles: ['dashboardOnlyRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.membershipOf('old.contractor@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'DISABLED',
    })
    expect(emulator.state.membershipOf('partner.analyst@partner.example')).toEqual({
      roles: ['explorerRole'],
      status: 'ENABLED',
    })
    const sam = emulator.state.profileByLogin('sam.lee@example.com')!
    expect(sam).toMatchObject({
      domain: DEFAULT_DOMAIN,
      firstName: 'Sam',
      lastName: 'Lee',
      email: 'sam.lee@example.com',
      ssoProvider: null,
    })
    expect(sam.password).toMatch(/^[\w-]{32}-Aa9$/)
    expect(emulator.state.groupMembers('Analysts')!.sort()).toEqual([
      'jane.smith@example.com',
      'john.doe@example.com',
      'old.contractor@example.com',
      'sam.lee@example.com',
    ])
    expect(emulator.state.groupMembers('Legacy team')).toEqual(['old.contractor@example.com'])
    expect(
      emulator.requestLog
        .filter((entry) => entry.path.endsWith('/modifyMembers'))
        .map((entry) => (entry.requestBody as { modifyMembers: { operation: string } }).modifyMembers.operation),
    ).toEqual(['ADD', 'ADD'])

    const again = computePlan(legacy(DEMO_USERS, DEMO_GROUPS), await target.readState(), { profile: GOODDATA_PLATFORM })
    expect(again.changes).toEqual([])
  })

  it('creates a user with a role and groups, one of them new, referring to both by what the server answered; with an SSO provider, no password to sign in with', async () => {
    const { emulator, target } = await setUp({}, { settings: platformTarget({ ssoProvider: 'example-sso' }) })
    const desired = legacy(
      [
        desiredUser('Nina.Novak@example.com', {
          firstname: 'Nina',
          lastname: 'Novak',
          email: 'nina@mail.example',
          role: 'explorer',
          userGroups: ['analysts', 'newcomers'],
        }),
      ],
      [desiredGroup('analysts', { name: 'Analysts' }), desiredGroup('newcomers', { name: 'Newcomers' })],
      { ssoProvider: 'example-sso' },
      'incremental',
    )
    const { plan, result } = await applyOnce(target, desired)
    const analysts = groupNamed(emulator, 'Analysts')!.id
    expect(changeLines(plan)).toEqual([
      'create newcomers',
      'create Nina.Novak@example.com',
      `add-member Nina.Novak@example.com → ${analysts}`,
      'add-member Nina.Novak@example.com → newcomers',
    ])
    expect(result.counts).toEqual({ applied: 4, failed: 0, skipped: 0 })
    const nina = emulator.state.profileByLogin('nina.novak@example.com')!
    expect(nina).toMatchObject({
      login: 'Nina.Novak@example.com',
      email: 'nina@mail.example',
      ssoProvider: 'example-sso',
      authenticationModes: ['SSO'],
    })
    expect(emulator.state.membershipOf('Nina.Novak@example.com')).toEqual({
      roles: ['explorerRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.groupMembers('Newcomers')).toEqual(['Nina.Novak@example.com'])
    expect(emulator.state.groupMembers('Analysts')).toContain('Nina.Novak@example.com')
    const created = emulator.requestLog.find(
      (entry) => entry.method === 'POST' && entry.path === `/gdc/account/domains/${DEFAULT_DOMAIN}/users`,
    )!
    expect(Object.keys((created.requestBody as { accountSetting: object }).accountSetting).sort()).toEqual([
      'authenticationModes',
      'email',
      'firstName',
      'lastName',
      'login',
      'password',
      'ssoProvider',
      'verifyPassword',
    ])
    expect(computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('adds a domain user who is not in the project without creating an account, and names a user without names by placeholders it reads back as none', async () => {
    const { emulator, target } = await setUp()
    const desired = legacy(
      [desiredUser('li.wei@example.com', { firstname: 'Li', lastname: 'Wei' }), desiredUser('nameless@example.com')],
      [],
      {},
      'incremental',
    )
    const { result } = await applyOnce(target, desired)
    expect(result.counts.applied).toBe(2)
    expect(
      requestLines(emulator).filter((line) => line === `POST /gdc/account/domains/${DEFAULT_DOMAIN}/users`),
    ).toHaveLength(1)
    expect(emulator.state.membershipOf('li.wei@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.profileByLogin('nameless@example.com')).toMatchObject({
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'nameless@example.com',
    })
    expect(computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('changes a role and the profile fields of a domain user: a PUT of the profile, the role in the batch', async () => {
    const { emulator, target } = await setUp()
    const desired = legacy(
      [
        person('john.doe@example.com', 'Johnny', 'Doe', {
          role: 'explorerRole',
          email: 'jd@mail.example',
          userGroups: ['analysts'],
        }),
      ],
      [desiredGroup('analysts', { name: 'Analysts' })],
      {},
      'incremental',
    )
    const { plan, result } = await applyOnce(target, desired)
    expect(changeLines(plan)).toEqual(['update john.doe@example.com'])
    expect(result.counts.applied).toBe(1)
    const john = emulator.state.profileByLogin('john.doe@example.com')!
    expect(requestLines(emulator)).toContain(`PUT /gdc/account/profile/${john.id}`)
    expect(john).toMatchObject({ firstName: 'Johnny', lastName: 'Doe', email: 'jd@mail.example' })
    expect(emulator.state.membershipOf('john.doe@example.com')).toEqual({ roles: ['explorerRole'], status: 'ENABLED' })
    expect(computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('disables a user who leaves, and enables them again with the role they had', async () => {
    const { emulator, target } = await setUp()
    const everyone = DEMO_USERS.filter((user) => user.id !== 'sam.lee@example.com' && user.id !== 'li.wei@example.com')
    const first = await applyOnce(
      target,
      legacy(
        everyone.filter((user) => user.id !== 'john.doe@example.com'),
        DEMO_GROUPS,
      ),
    )
    expect(changeLines(first.plan).filter((line) => line.startsWith('disable'))).toEqual([
      'disable john.doe@example.com',
      'disable old.contractor@example.com',
    ])
    expect(first.plan.summary.users.delete).toBe(2)
    expect(emulator.state.membershipOf('john.doe@example.com')).toEqual({ roles: ['editorRole'], status: 'DISABLED' })
    const john = person('john.doe@example.com', 'John', 'Doe', { role: 'editor', userGroups: ['analysts'] })
    const second = await applyOnce(
      target,
      legacy([...everyone.filter((user) => user.id !== 'john.doe@example.com'), john], DEMO_GROUPS),
    )
    expect(changeLines(second.plan)).toEqual(['enable john.doe@example.com'])
    expect(second.result.counts.applied).toBe(1)
    expect(emulator.state.membershipOf('john.doe@example.com')).toEqual({ roles: ['editorRole'], status: 'ENABLED' })
  })

  it('enables a returning user and changes their role in the same apply, the role after the enable', async () => {
    const { emulator, target } = await setUp()
    const { plan, result } = await applyOnce(
      target,
      legacy(
        [person('maria.garcia@example.com', 'María', 'García', { role: 'editor', userGroups: ['finance-viewers'] })],
        [desiredGroup('finance-viewers', { name: 'finance viewers' })],
        {},
        'incremental',
      ),
    )
    expect(changeLines(plan)).toEqual(['enable maria.garcia@example.com', 'update maria.garcia@example.com'])
    expect(result.counts.applied).toBe(2)
    expect(emulator.state.membershipOf('maria.garcia@example.com')).toEqual({
      roles: ['editorRole'],
      status: 'ENABLED',
    })
  })

  it('removal: remove-from-project takes the user out of the project and keeps the account', async () => {
    const { emulator, target } = await setUp({}, { settings: platformTarget({ removal: 'remove-from-project' }) })
    const desired = legacy([...DEMO_USERS.filter((user) => user.id !== 'john.doe@example.com')], DEMO_GROUPS, {
      removal: 'remove-from-project',
    })
    const { plan, result } = await applyOnce(target, desired)
    expect(changeLines(plan).filter((line) => line.startsWith('delete'))).toEqual([
      'delete john.doe@example.com',
      'delete old.contractor@example.com',
    ])
    expect(result.counts.failed).toBe(0)
    const john = emulator.state.profileByLogin('john.doe@example.com')!
    expect(requestLines(emulator)).toContain(`DELETE ${PROJECT_USERS}/${john.id}`)
    expect(emulator.state.membershipOf('john.doe@example.com')).toBeUndefined()
    expect(emulator.state.profiles.has(john.id)).toBe(true)
    expect(computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('removal: delete-account deletes the account of the configured domain', async () => {
    const { emulator, target } = await setUp({}, { settings: platformTarget({ removal: 'delete-account' }) })
    const john = emulator.state.profileByLogin('john.doe@example.com')!
    const desired = legacy(
      DEMO_USERS.filter((user) => user.id !== 'john.doe@example.com'),
      DEMO_GROUPS,
      { removal: 'delete-account' },
    )
    const { result } = await applyOnce(target, desired)
    expect(result.counts.failed).toBe(0)
    expect(requestLines(emulator)).toContain(`DELETE /gdc/account/profile/${john.id}`)
    expect(emulator.state.profileByLogin('john.doe@example.com')).toBeUndefined()
    expect(emulator.state.profileByLogin('partner.analyst@partner.example')).toBeDefined()
  })

  it('renames a group found by name, adds and removes members with ADD and REMOVE only, and deletes a group declared inactive', async () => {
    const { emulator, target } = await setUp()
    const engineers = groupNamed(emulator, 'Data engineers')!.id
    const legacyTeam = groupNamed(emulator, 'Legacy team')!.id
    const users = [
      person('john.doe@example.com', 'John', 'Doe', { role: 'editor', userGroups: ['data engineers'] }),
      person('jane.smith@example.com', 'Jane', 'Smith', { role: 'editor', userGroups: ['analysts'] }),
    ]
    // Found by its id, ignoring case, and renamed by its user_group_name.
    const groups = [
      desiredGroup('analysts', { name: 'Analysts' }),
      desiredGroup('data engineers', { name: 'Data Engineering' }),
      desiredGroup('legacy-team', { name: 'LEGACY TEAM', isActive: false }),
    ]
    const { plan, result } = await applyOnce(target, legacy(users, groups, {}, 'incremental'))
    const analysts = groupNamed(emulator, 'Analysts')!.id
    expect(changeLines(plan).sort()).toEqual(
      [
        `update ${engineers}`,
        `add-member john.doe@example.com → ${engineers}`,
        `remove-member john.doe@example.com → ${analysts}`,
        `remove-member jane.smith@example.com → ${engineers}`,
        `delete ${legacyTeam}`,
      ].sort(),
    )
    expect(result.counts).toEqual({ applied: 5, failed: 0, skipped: 0 })
    expect(emulator.state.groups.get(engineers)!.name).toBe('Data Engineering')
    expect(emulator.state.groups.get(engineers)!.description).toBeNull()
    expect(emulator.state.groupMembers('Data Engineering')).toEqual(['john.doe@example.com'])
    expect(emulator.state.groupMembers('Analysts')!.sort()).toEqual([
      'jane.smith@example.com',
      'old.contractor@example.com',
    ])
    expect(emulator.state.groups.has(legacyTeam)).toBe(false)
    const operations = emulator.requestLog
      .filter((entry) => entry.path.endsWith('/modifyMembers'))
      .map((entry) => (entry.requestBody as { modifyMembers: { operation: string } }).modifyMembers.operation)
    expect(operations.sort()).toEqual(['ADD', 'REMOVE', 'REMOVE'])
  })

  it('keeps a renamed group its description, sending back the content it read', async () => {
    const { emulator, target } = await setUp()
    await applyOnce(target, legacy([], [desiredGroup('analysts', { name: 'Analysts (all)' })], {}, 'incremental'))
    expect(groupNamed(emulator, 'Analysts (all)')!.description).toBe('Everyone who reads the dashboards')
  })

  it('leaves a user of another domain alone, and the logged-in user; blocks a plan that leaves no enabled admin', async () => {
    const { emulator, target } = await setUp()
    const users = [
      person(DEFAULT_LOGIN, 'Renamed', 'Admin', { role: 'editor' }),
      person('partner.analyst@partner.example', 'Pat', 'Partner', { role: 'editor' }),
    ]
    const { plan, result } = await applyOnce(target, legacy(users, [], {}, 'incremental'))
    expect(plan.changes).toEqual([])
    expect(plan.skipped.map((skipped) => `${skipped.id}: ${skipped.reason}`)).toEqual([
      `${DEFAULT_LOGIN}: protected: the logged-in user`,
      'partner.analyst@partner.example: protected: an account of another domain (partner-domain)',
    ])
    expect(result.counts).toEqual({ applied: 0, failed: 0, skipped: 0 })
    expect(emulator.state.membershipOf('partner.analyst@partner.example')).toEqual({
      roles: ['explorerRole'],
      status: 'ENABLED',
    })

    // Sara is the project's only other admin; the logged-in user is left alone, so demoting her would leave none but them…
    const demoted = computePlan(
      legacy([person('sara.nilsson@example.com', 'Sara', 'Nilsson', { role: 'editor' })], [], {}, 'incremental'),
      await target.readState(),
      { profile: GOODDATA_PLATFORM },
    )
    expect(demoted.blocked).toBe(false)
    // …and where the logged-in user is no admin of the project, she is the last one.
    const { target: other, emulator: second } = await setUp({
      seed: {
        users: [
          {
            login: DEFAULT_LOGIN,
            password: DEFAULT_PASSWORD,
            firstName: 'D',
            lastName: 'A',
            domainAdmin: true,
            role: 'editorUserAdminRole',
          },
          { login: 'sara@example.com', firstName: 'Sara', lastName: 'N', role: 'adminRole' },
        ],
      },
    })
    const blocked = computePlan(
      legacy([person('sara@example.com', 'Sara', 'N', { role: 'editor' })], [], {}, 'incremental'),
      await other.readState(),
      { profile: GOODDATA_PLATFORM },
    )
    expect(blocked.blockedReasons).toContain(
      'after this plan no enabled user of the project would hold adminRole: the project would be left without an administrator; keep adminRole for at least one user',
    )
    expect(second.state.membershipOf('sara@example.com')).toEqual({ roles: ['adminRole'], status: 'ENABLED' })
  })

  it('a batch where one user fails: the others go through, the failure has the server message; the re-run converges', async () => {
    const { emulator, target } = await setUp()
    const desired = legacy(DEMO_USERS, DEMO_GROUPS)
    const plan = computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM })
    // Li Wei's account goes away after the read: writing her names to it (she joins the project with them) fails alone.
    emulator.state.deleteProfile(emulator.state.profileByLogin('li.wei@example.com')!.id)
    const { executePlan } = await import('../../src/shell/apply/execute-plan.js')
    const result = await executePlan(plan, target, { concurrency: 4 })
    const failed = result.journal.filter((entry) => entry.outcome === 'failed' || entry.outcome === 'skipped')
    expect(failed.map((entry) => `${entry.outcome} ${entry.change.action} ${entry.change.id}`)).toEqual([
      'failed create li.wei@example.com',
      'skipped add-member li.wei@example.com',
    ])
    const entry = failed[0]!
    expect(entry.outcome === 'failed' && entry.error).toMatch(
      /^PUT \/gdc\/account\/profile\/[0-9a-f]{32} → 404 Profile not found \(trace id :/,
    )
    expect(entry.outcome === 'failed' && entry.mayHaveApplied).toBe(false)
    expect(emulator.state.membershipOf('sam.lee@example.com')).toEqual({
      roles: ['dashboardOnlyRole'],
      status: 'ENABLED',
    })

    const rerun = await applyOnce(target, desired)
    expect(changeLines(rerun.plan)).toEqual([
      'create li.wei@example.com',
      `add-member li.wei@example.com → ${groupNamed(emulator, 'Data engineers')!.id}`,
    ])
    expect(rerun.result.counts).toEqual({ applied: 2, failed: 0, skipped: 0 })
    expect(computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('a project-user batch item the platform refuses fails that change alone, with the server message', async () => {
    const { emulator, target } = await setUp()
    // No names declared for Li Wei: her account only joins the project, in the same batch as Sam's.
    const desired = legacy(
      [
        desiredUser('li.wei@example.com', { role: 'editor' }),
        person('sam.lee@example.com', 'Sam', 'Lee', { role: 'dashboardOnly' }),
      ],
      [],
      {},
      'incremental',
    )
    const plan = computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM })
    emulator.state.deleteProfile(emulator.state.profileByLogin('li.wei@example.com')!.id)
    const { executePlan } = await import('../../src/shell/apply/execute-plan.js')
    const result = await executePlan(plan, target, { concurrency: 4 })
    const failed = result.journal.find((entry) => entry.outcome === 'failed')
    expect(failed?.change.id).toBe('li.wei@example.com')
    expect(failed?.outcome === 'failed' && failed.error).toMatch(
      `POST ${PROJECT_USERS} → refused for li.wei@example.com: Cannot add user to project. User doesn't exist (trace id :`,
    )
    expect(emulator.state.membershipOf('sam.lee@example.com')).toEqual({
      roles: ['dashboardOnlyRole'],
      status: 'ENABLED',
    })
  })

  it('a group created by someone else since the plan is taken as it is (409, found by name)', async () => {
    const { emulator, target } = await setUp()
    const desired = legacy([], [desiredGroup('newcomers', { name: 'Newcomers' })], {}, 'incremental')
    const plan = computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM })
    const made = emulator.state.createGroup('Newcomers', null)
    const { executePlan } = await import('../../src/shell/apply/execute-plan.js')
    const result = await executePlan(plan, target, { concurrency: 1 })
    expect(result.journal.map((entry) => entry.outcome)).toEqual(['already-applied'])
    expect(emulator.state.groups.size).toBe(5)
    expect(made.name).toBe('Newcomers')
  })
})
