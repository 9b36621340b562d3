import { describe, expect, it } from 'vitest'
import type { GoodDataPlatformSettings } from '../../src/core/model/entities.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { canonicalRole, resolveRoles } from '../../src/core/plan/resolve-roles.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import { GOODDATA_PLATFORM } from '../../src/core/targets/profiles.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const ROLES = ['adminRole', 'editorRole', 'readOnlyUserRole', 'dashboardOnlyRole']
const legacy = (
  users: Parameters<typeof desiredState>[0],
  groups: Parameters<typeof desiredState>[1],
  platform: Partial<GoodDataPlatformSettings> = {},
  unmanagedGroups: string[] = [],
) =>
  desiredState(users, groups, {
    target: {
      type: 'gooddata-platform',
      gooddataPlatform: {
        domain: 'acme',
        project: 'p1',
        removal: 'disable',
        defaultRole: 'readOnlyUserRole',
        ...platform,
      },
    },
    unmanaged: { users: [], userGroups: unmanagedGroups },
  })
const text = (plan: ReturnType<typeof computePlan>) =>
  renderPlanText(plan, { config: 'config', host: 'https://secure.gooddata.com' }, { color: false })

// The project: an admin, an editor in Analysts (id bAn…, opaque), a read-only user in an unmanaged group.
const live = {
  ...actualState(
    [
      actualUser('boss@acme.example', { role: 'adminRole' }),
      actualUser('John.Doe@acme.example', { role: 'editorRole', userGroups: ['bAnalysts0000000000000'] }),
      actualUser('ro@acme.example', { role: 'readOnlyUserRole', userGroups: ['bOther000000000000000'] }),
    ],
    [
      actualGroup('bAnalysts0000000000000', { ref: '/gdc/userGroups/bAnalysts0000000000000', name: 'Analysts' }),
      actualGroup('bOther000000000000000', { ref: '/gdc/userGroups/bOther000000000000000', name: 'Other team' }),
    ],
  ),
  roles: ROLES,
}
const boss = desiredUser('boss@acme.example', { role: 'admin' })

describe('planning for the legacy GoodData Platform', () => {
  it('names roles as the Users Brick did: identifier, without Role, ignoring case; else a problem naming the closest', () => {
    expect(canonicalRole('editor', ROLES)).toBe('editorRole')
    expect(canonicalRole('READONLYUSERROLE', ROLES)).toBe('readOnlyUserRole')
    expect(canonicalRole('editors', ROLES)).toBeUndefined()
    const { problems } = resolveRoles(legacy([desiredUser('a@acme.example', { role: 'editors' })], []), live)
    expect(problems.map((problem) => problem.message)).toEqual([
      'user "a@acme.example" has role "editors", which the project does not have; did you mean "editor"?',
    ])
  })

  it('matches logins ignoring case and groups by name, renames by the config, shows role changes, and leaves unmanaged groups their members', () => {
    const desired = legacy(
      [
        boss,
        desiredUser('john.doe@ACME.example', { userGroups: ['analysts'], role: 'dashboardOnly' }),
        desiredUser('ro@acme.example', { userGroups: ['analysts'] }),
      ],
      [desiredGroup('analysts', { name: 'Analysts team' })],
    )
    const plan = computePlan(desired, live, { profile: GOODDATA_PLATFORM })
    expect(plan.idNotices).toEqual([])
    expect(text(plan).split('\n').slice(1, 6)).toEqual([
      '  ~ update user group "Analysts" (bAnalysts0000000000000)',
      '      user_group_name: "Analysts" → "Analysts team"',
      '  ~ update user John.Doe@acme.example',
      '      role: "editorRole" → "dashboardOnlyRole"',
      '  ~ add user ro@acme.example to user group "Analysts" (bAnalysts0000000000000)',
    ])
    // Other team is not declared: left alone with its members, as the Users Brick did not.
    expect(
      plan.changes.some(
        ({ change }) =>
          change.action === 'remove-member' || (change.kind === 'userGroup' && change.action === 'delete'),
      ),
    ).toBe(false)
    expect(plan.effectiveAccess.flatMap(({ lost }) => lost)).toEqual([])
    expect(plan.skipped).toContainEqual({
      kind: 'userGroup',
      id: 'bOther000000000000000',
      reason:
        'left alone: groups this config does not declare keep their members on the legacy GoodData Platform (declare one with is_active: false to delete it)',
      wouldHave: 'delete',
    })
  })

  it('disables users who leave by default, and counts that as a deletion; removal: remove-from-project deletes and says what it means', () => {
    const disabling = computePlan(legacy([boss], []), live, { profile: GOODDATA_PLATFORM, load: 'full' })
    expect(
      disabling.changes
        .filter(({ change }) => change.kind === 'user')
        .map(({ change }) => `${change.action} ${change.id}`),
    ).toEqual(['disable John.Doe@acme.example', 'disable ro@acme.example'])
    expect(disabling.summary.users.delete).toBe(2)
    const removing = computePlan(legacy([boss], [], { removal: 'remove-from-project' }), live, {
      profile: GOODDATA_PLATFORM,
    })
    expect(removing.changes.filter(({ change }) => change.kind === 'user').map(({ change }) => change.action)).toEqual([
      'delete',
      'delete',
    ])
    expect(text(removing)).toContain(
      'Note: deleting removes the user from this project only; the account stays in its domain.',
    )
  })

  it('deletes an undeclared group only when the config declares it with is_active: false, found by name', () => {
    const plan = computePlan(
      legacy([boss], [desiredGroup('other-team', { name: 'Other Team', isActive: false })]),
      live,
      { profile: GOODDATA_PLATFORM },
    )
    expect(
      plan.changes
        .filter(({ change }) => change.kind === 'userGroup')
        .map(({ change }) => `${change.action} ${change.id}`),
    ).toEqual(['delete bOther000000000000000'])
  })

  it('names every group it touches by its name too, so a tombstone that finds "Analysts" by name says so', () => {
    const plan = computePlan(
      legacy([boss], [desiredGroup('legacy-team', { name: 'Analysts', isActive: false })]),
      live,
      { profile: GOODDATA_PLATFORM },
    )
    expect(text(plan)).toContain('  - delete user group "Analysts" (bAnalysts0000000000000)')
  })

  it('blocks a plan that leaves the project without an enabled admin', () => {
    const plan = computePlan(
      legacy(
        [
          desiredUser('boss@acme.example', { role: 'editor' }),
          desiredUser('John.Doe@acme.example', { role: 'editor' }),
          desiredUser('ro@acme.example'),
        ],
        [],
      ),
      live,
      { profile: GOODDATA_PLATFORM },
    )
    expect(plan.blockedReasons).toContain(
      'after this plan no enabled user of the project would hold adminRole: the project would be left without an administrator; keep adminRole for at least one user',
    )
  })
})
