import { describe, expect, it } from 'vitest'
import type { DesiredState } from '../../src/core/model/entities.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import type { OpendatasoftTarget } from '../../src/shell/targets/opendatasoft/opendatasoft-target.js'
import { DEFAULT_API_KEY, type RunningOpendatasoftEmulator } from '../emulators/opendatasoft/server.js'
import { OpendatasoftSpec } from '../emulators/opendatasoft/spec-validator.js'
import { desiredGroup, desiredState, desiredUser } from '../support/states.js'
import { INVITE, opendatasoftSessions, PROVISION, requestLines } from './opendatasoft-setup.js'

const setUp = opendatasoftSessions()
const API = '/api/automation/v1.0'

/** One apply as the CLI runs it: read, plan with the Opendatasoft profile, execute. */
async function applyOnce(target: OpendatasoftTarget, desired: DesiredState) {
  const plan = computePlan(desired, await target.readState(), { profile: OPENDATASOFT })
  return { plan, result: await executePlan(plan, target, { concurrency: 4 }) }
}

const person = (
  id: string,
  firstname: string | undefined,
  lastname: string | undefined,
  email: string,
  userGroups: string[],
  permissions: string[] = [],
) =>
  desiredUser(id, {
    ...(firstname ? { firstname } : {}),
    ...(lastname ? { lastname } : {}),
    email,
    userGroups,
    permissions,
  })

/**
 * The demo domain as examples/basic wants it: john.doe's e-mail fixed, jane.smith a data engineer,
 * maria.garcia without her direct permission, two people and a group new, old.contractor and the
 * Legacy team gone. Ids are the usernames and uids the server gives, so a second plan finds them.
 */
function demoConfig(target = INVITE): DesiredState {
  const users = [
    person('admin', 'Domain', 'Admin', 'admin@example.com', ['domain_administrators'], ['edit_domain']),
    person('john.doe', 'John', 'Doe', 'john.doe@example.com', ['analysts']),
    person('jane.smith', 'Jane', 'Smith', 'jane.smith@example.com', ['analysts', 'data_engineers']),
    person('maria.garcia', 'Maria', 'Garcia', 'maria.garcia@example.com', ['analysts', 'data_engineers']),
    person('louise.data', 'Louise', 'Data', 'louise.data@example.com', ['content_designers'], ['edit_reuse']),
    person('sam', undefined, undefined, 'sam@example.com', ['analysts', 'content_designers']),
    person('sso-bot', undefined, undefined, 'sso-bot@example.com', []),
  ]
  const groups = [
    desiredGroup('domain_administrators', { name: 'Domain administrators', permissions: ['edit_domain'] }),
    desiredGroup('analysts', {
      name: 'Analysts',
      permissions: ['explore_restricted_dataset', 'explore_restricted_page'],
    }),
    desiredGroup('data_engineers', {
      name: 'Data engineers',
      permissions: ['create_dataset', 'edit_dataset', 'publish_dataset'],
    }),
    desiredGroup('content_designers', { name: 'Content Designers', permissions: ['edit_page'] }),
  ]
  return desiredState(users, groups, { target })
}

const membersOf = (emulator: RunningOpendatasoftEmulator) =>
  Object.fromEntries([...emulator.state.groups.values()].map((group) => [group.uid, [...group.members].sort()]))

describe('plan and apply against the Opendatasoft emulator', () => {
  it('adds members with the uid the server gave a new group and the username it gave an invited user, in the same run', async () => {
    const { emulator, target } = await setUp()
    const desired = desiredState(
      [
        desiredUser('louise', {
          email: 'Louise.Data@example.com',
          userGroups: ['analysts', 'designers'],
          permissions: [],
        }),
      ],
      [desiredGroup('designers', { name: 'Content Designers', permissions: ['edit_page'] })],
      { target: INVITE, load: 'incremental' },
    )
    const { plan, result } = await applyOnce(target, desired)
    expect(
      plan.changes.map(({ change }) => `${change.action} ${change.id}${'group' in change ? ` → ${change.group}` : ''}`),
    ).toEqual(['create designers', 'create louise', 'add-member louise → analysts', 'add-member louise → designers'])
    expect(result.counts).toEqual({ applied: 4, failed: 0, skipped: 0 })
    expect(requestLines(emulator).slice(2).sort()).toEqual([
      `POST ${API}/groups/`,
      `POST ${API}/groups/analysts/users/batch/`,
      `POST ${API}/groups/content_designers/users/batch/`,
      `POST ${API}/users/invite/`,
    ])
    expect(membersOf(emulator)['content_designers']).toEqual(['louise.data'])
    expect(membersOf(emulator)['analysts']).toContain('louise.data')
  })

  it('converges after a partial failure: the re-run applies what failed, and a third plan has nothing to do', async () => {
    let failMembers = true
    const { emulator, target } = await setUp({
      // The new group's member batch fails once with a 500, which a POST is not retried after.
      injectFault: ({ method, path }) =>
        method === 'POST' && path.endsWith('/content_designers/users/batch/') && failMembers
          ? ((failMembers = false), '500')
          : undefined,
    })
    const first = await applyOnce(target, demoConfig())
    expect(first.plan.blocked).toBe(false)
    expect(first.plan.skipped.map((skipped) => `${skipped.id}: ${skipped.reason}`)).toEqual([
      'ods.support: protected: an Opendatasoft staff account (is_ods)',
    ])
    const failed = first.result.journal.filter((entry) => entry.outcome === 'failed')
    expect(failed.map((entry) => `${entry.change.action} ${entry.change.id}`).sort()).toEqual([
      'add-member louise.data',
      'add-member sam',
    ])
    expect(
      failed.every(
        (entry) => entry.outcome === 'failed' && !entry.mayHaveApplied && !entry.error.includes(DEFAULT_API_KEY),
      ),
    ).toBe(true)
    expect(first.result.counts.failed).toBe(2)

    const second = await applyOnce(target, demoConfig())
    expect(second.plan.changes.map(({ change }) => `${change.action} ${change.id}`).sort()).toEqual([
      'add-member louise.data',
      'add-member sam',
    ])
    expect(second.result.counts).toEqual({ applied: 2, failed: 0, skipped: 0 })

    const third = computePlan(demoConfig(), await target.readState(), { profile: OPENDATASOFT })
    expect(third.changes).toEqual([])
    expect(membersOf(emulator)).toEqual({
      domain_administrators: ['admin'],
      analysts: ['jane.smith', 'john.doe', 'maria.garcia', 'sam'],
      data_engineers: ['jane.smith', 'maria.garcia'],
      content_designers: ['louise.data', 'sam'],
    })
    expect(emulator.state.users.get('john.doe')!.email).toBe('john.doe@example.com')
    expect(emulator.state.users.get('maria.garcia')!.permissions).toEqual([])
    expect(emulator.state.users.has('old.contractor')).toBe(false)
  })
})

describe('contract: what the adapter sends validates against the Opendatasoft OpenAPI description', () => {
  const spec = new OpendatasoftSpec()

  /** Problems of every request body logged; a provision list is checked item by item, as its schema is one object (wire facts §C O1). */
  function requestProblems(emulator: RunningOpendatasoftEmulator): string[] {
    return emulator.requestLog.flatMap((entry) => {
      const bodies =
        entry.path.endsWith('/users/provision/') && Array.isArray(entry.requestBody)
          ? entry.requestBody
          : [entry.requestBody]
      return bodies.flatMap((body) =>
        spec
          .requestProblems(entry.method, entry.path, body)
          .map((problem) => `${entry.method} ${entry.path}: ${problem}`),
      )
    })
  }

  it('the validator is not vacuous', () => {
    expect(spec.requestProblems('POST', `${API}/users/invite/`, [{ first_name: 'No e-mail' }])).toEqual([
      "/0 must have required property 'email'",
    ])
    expect(spec.requestProblems('POST', `${API}/groups/`, { permissions: ['edit_everything'] })).not.toEqual([])
  })

  it.each([
    ['invite', INVITE],
    ['provision', PROVISION],
  ])('every request of a full apply, users created by %s', async (_name, settings) => {
    const { emulator, target } = await setUp({}, { settings })
    const { result } = await applyOnce(target, demoConfig(settings))
    expect(result.counts.failed).toBe(0)
    expect(requestProblems(emulator)).toEqual([])
    const operations = new Set(
      emulator.requestLog.map((entry) => `${entry.method} ${spec.template(entry.method, entry.path)}`),
    )
    expect([...operations].sort()).toEqual(
      [
        'GET /users/',
        'GET /groups/',
        'GET /users/{username}/',
        'PUT /users/{username}/',
        'DELETE /users/{username}/',
        `POST /users/${settings === INVITE ? 'invite' : 'provision'}/`,
        'POST /groups/',
        'DELETE /groups/{group_uid}/',
        'POST /groups/{group_uid}/users/batch/',
      ].sort(),
    )
  })

  it('group updates and member removals too', async () => {
    const { emulator, target } = await setUp()
    const desired = demoConfig()
    const analysts = desiredGroup('analysts', { name: 'Analysts', permissions: ['explore_restricted_dataset'] })
    const users = desired.users.map((user) =>
      user.id === 'jane.smith' ? { ...user, userGroups: ['data_engineers'] } : user,
    )
    await applyOnce(target, {
      ...desired,
      users,
      userGroups: desired.userGroups.map((group) => (group.id === 'analysts' ? analysts : group)),
    })
    expect(requestProblems(emulator)).toEqual([])
    const lines = requestLines(emulator)
    expect(lines).toContain(`PUT ${API}/groups/analysts/`)
    expect(lines).toContain(`DELETE ${API}/groups/analysts/users/jane.smith/`)
  })
})
