import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import type { ScopedPermissions } from '../../src/core/model/scoped-permissions.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { checkPermissionScopes } from '../../src/core/plan/plan-scoped-permissions.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const SCOPES: ActualState['scopes'] = {
  workspaces: [{ id: 'sales' }, { id: 'sales-emea', parent: 'sales' }, { id: 'hr' }],
  dataSources: [{ id: 'warehouse' }],
}
const held = (
  workspaces: Record<string, string[] | { permissions?: string[]; hierarchy?: string[] }> = {},
  dataSources: Record<string, string[]> = {},
): ScopedPermissions => ({
  workspaces: Object.entries(workspaces).map(([id, value]) =>
    Array.isArray(value)
      ? { id, permissions: value, hierarchy: [] }
      : { id, permissions: value.permissions ?? [], hierarchy: value.hierarchy ?? [] },
  ),
  dataSources: Object.entries(dataSources).map(([id, permissions]) => ({ id, permissions })),
})
const withScopes = (state: ActualState): ActualState => ({ ...state, scopes: SCOPES })
const permissionChanges = (plan: ReturnType<typeof computePlan>) =>
  plan.changes.flatMap(({ change, dependsOn }) =>
    change.action === 'permissions' ? [{ id: `${change.kind}:${change.id}`, to: change.to, dependsOn }] : [],
  )

describe('permissions on workspaces and data sources', () => {
  it('grants and revokes on a full load: a declared kind is replaced whole', () => {
    const desired = desiredState(
      [
        desiredUser('ana', {
          workspacePermissions: [{ id: 'sales', permissions: ['ANALYZE'], hierarchy: ['VIEW'] }],
          dataSourcePermissions: [{ id: 'warehouse', permissions: ['USE'] }],
        }),
      ],
      [],
    )
    const actual = withScopes(
      actualState([actualUser('ana', { scopedPermissions: held({ sales: ['VIEW'], hr: ['MANAGE'] }) })], []),
    )
    const plan = computePlan(desired, actual)
    expect(permissionChanges(plan)).toEqual([
      {
        id: 'user:ana',
        to: held({ sales: { permissions: ['ANALYZE'], hierarchy: ['VIEW'] } }, { warehouse: ['USE'] }),
        dependsOn: [],
      },
    ])
    const ana = plan.effectiveAccess.find((item) => item.userId === 'ana')!
    const show = (steps: readonly { grant: { scope: string; id: string; permission: string } }[]) =>
      steps.map(({ grant }) => `${grant.permission} ${grant.scope} ${grant.id}`)
    expect(show(ana.scopedPermissions!.gained)).toEqual([
      'ANALYZE workspace sales',
      'VIEW workspace-hierarchy sales',
      'USE dataSource warehouse',
    ])
    // VIEW on sales itself stays: the new hierarchy VIEW on sales covers it.
    expect(show(ana.scopedPermissions!.lost)).toEqual(['MANAGE workspace hr'])
  })

  it('on an incremental load changes only the workspaces named, and [] revokes on one', () => {
    const desired = desiredState(
      [desiredUser('ana', { workspacePermissions: [{ id: 'hr', permissions: [], hierarchy: [] }] })],
      [],
      { load: 'incremental' },
    )
    const actual = withScopes(
      actualState(
        [actualUser('ana', { scopedPermissions: held({ sales: ['VIEW'], hr: ['VIEW'] }, { warehouse: ['USE'] }) })],
        [],
      ),
    )
    expect(permissionChanges(computePlan(desired, actual))).toEqual([
      { id: 'user:ana', to: held({ sales: ['VIEW'] }, { warehouse: ['USE'] }), dependsOn: [] },
    ])
  })

  it('leaves alone what a user or group that declares no permissions holds, and counts them', () => {
    const desired = desiredState([desiredUser('ana'), desiredUser('bob')], [desiredGroup('team')])
    const actual = withScopes(
      actualState(
        [actualUser('ana', { scopedPermissions: held({ sales: ['VIEW'] }) }), actualUser('bob')],
        [actualGroup('team', { scopedPermissions: held({}, { warehouse: ['USE'] }) })],
      ),
    )
    const plan = computePlan(desired, actual)
    expect(plan.changes).toEqual([])
    expect(plan.permissionsLeftAlone).toEqual({ users: 1, userGroups: 1 })
    expect(plan.unchanged).toEqual({ users: 2, userGroups: 1 })
  })

  it("grants to a new user after the user's creation", () => {
    const desired = desiredState(
      [desiredUser('new', { dataSourcePermissions: [{ id: 'warehouse', permissions: ['USE'] }] })],
      [],
    )
    const plan = computePlan(desired, withScopes(actualState([], [])))
    expect(plan.changes.map(({ change }) => `${change.action} ${change.id}`)).toEqual(['create new', 'permissions new'])
    expect(permissionChanges(plan)[0]!.dependsOn).toEqual(['user:new'])
  })

  it("shows a group's permission reaching its members through two levels of nesting, with the chain", () => {
    const desired = desiredState(
      [desiredUser('ana', { userGroups: ['analysts'] })],
      [
        desiredGroup('everyone', { workspacePermissions: [{ id: 'sales', permissions: ['ANALYZE'], hierarchy: [] }] }),
        desiredGroup('emea', { parents: ['everyone'] }),
        desiredGroup('analysts', { parents: ['emea'] }),
      ],
    )
    const actual = withScopes(
      actualState(
        [actualUser('ana', { userGroups: ['analysts'] })],
        [
          actualGroup('everyone'),
          actualGroup('emea', { parents: ['everyone'] }),
          actualGroup('analysts', { parents: ['emea'] }),
        ],
      ),
    )
    const plan = computePlan(desired, actual)
    expect(plan.effectiveAccess).toEqual([
      {
        userId: 'ana',
        gained: [],
        lost: [],
        scopedPermissions: {
          gained: [
            {
              grant: { scope: 'workspace', id: 'sales', permission: 'ANALYZE' },
              via: ['analysts', 'emea', 'everyone'],
            },
          ],
          lost: [],
        },
      },
    ])
  })

  it("shows members losing what a deleted group held, and a user's own grant is not lost with it", () => {
    const actual = withScopes(
      actualState(
        [
          actualUser('ana', { userGroups: ['team'], scopedPermissions: held({ sales: ['VIEW'] }) }),
          actualUser('bob', { userGroups: ['team'] }),
        ],
        [actualGroup('team', { scopedPermissions: held({ sales: ['VIEW', 'MANAGE'] }) })],
      ),
    )
    const plan = computePlan(desiredState([desiredUser('ana'), desiredUser('bob')], []), actual)
    const lost = (id: string) =>
      plan.effectiveAccess
        .find((item) => item.userId === id)
        ?.scopedPermissions?.lost.map(({ grant }) => grant.permission)
    expect(lost('ana')).toEqual(['MANAGE'])
    expect(lost('bob')).toEqual(['MANAGE', 'VIEW'])
  })

  it('keeps a grant held through a hierarchy grant above it: neither a loss nor a gain', () => {
    const desired = desiredState(
      [desiredUser('jane', { userGroups: ['engineers'], workspacePermissions: [] })],
      [desiredGroup('engineers')],
    )
    const actual = withScopes(
      actualState(
        [actualUser('jane', { userGroups: ['engineers'], scopedPermissions: held({ 'sales-emea': ['MANAGE'] }) })],
        [actualGroup('engineers', { scopedPermissions: held({ sales: { hierarchy: ['MANAGE'] } }) })],
      ),
    )
    const plan = computePlan(desired, actual)
    expect(permissionChanges(plan)).toHaveLength(1)
    // Her own MANAGE on sales-emea goes, but the group's MANAGE on sales and its children still covers it.
    expect(plan.effectiveAccess).toEqual([])
  })

  it('lists at most 50 gained permissions per user and counts the rest, however many a config grants', () => {
    const workspaces = Array.from({ length: 30 }, (_, i) => ({ id: `w${i}` }))
    const grant = workspaces.map(({ id }) => ({ id, permissions: ['VIEW', 'ANALYZE', 'EXPORT'], hierarchy: [] }))
    const desired = desiredState(
      [desiredUser('ana', { userGroups: ['team'] })],
      [desiredGroup('team', { workspacePermissions: grant })],
    )
    const actual: ActualState = {
      ...actualState([actualUser('ana', { userGroups: ['team'] })], [actualGroup('team')]),
      scopes: { workspaces, dataSources: [] },
    }
    const [ana] = computePlan(desired, actual).effectiveAccess
    expect(ana!.scopedPermissions!.gained).toHaveLength(50)
    expect(ana!.scopedPermissions!.more).toEqual({ gained: 40, lost: 0 })
  })

  it('keeps what no config can declare: a permission name it does not know, a workspace id the schema refuses', () => {
    const desired = desiredState([desiredUser('ana', { workspacePermissions: [] })], [])
    const actual = withScopes(
      actualState(
        [
          actualUser('ana', {
            scopedPermissions: held({ sales: ['FUTURE_PERMISSION', 'VIEW'], 'bad id\n': ['VIEW'] }),
          }),
        ],
        [],
      ),
    )
    expect(permissionChanges(computePlan(desired, actual))).toEqual([
      { id: 'user:ana', to: held({ 'bad id\n': ['VIEW'], sales: ['FUTURE_PERMISSION'] }), dependsOn: [] },
    ])
  })

  it('blocks a plan that revokes more than limits.max_permission_revocations or the ratio', () => {
    const users = Array.from({ length: 8 }, (_, i) => `u${i}`)
    const desired = (limits: object) =>
      desiredState(
        users.map((id) => desiredUser(id, { workspacePermissions: [] })),
        [],
        { limits: { maxDeletionRatio: 0.25, ...limits } },
      )
    const actual = withScopes(
      actualState(
        users.map((id) => actualUser(id, { scopedPermissions: held({ sales: ['VIEW'] }) })),
        [],
      ),
    )
    expect(computePlan(desired({ maxPermissionRevocations: 10 }), actual).blockedReasons).toEqual([
      'the plan revokes 8 of the 8 permissions on workspaces and data sources that managed users and groups hold (100%); limits.max_permission_revocation_ratio allows 25%',
    ])
    expect(
      computePlan(desired({ maxPermissionRevocations: 3, maxPermissionRevocationRatio: 1 }), actual).blockedReasons,
    ).toEqual([
      'the plan revokes 8 permissions on workspaces and data sources; limits.max_permission_revocations allows 3',
    ])
    expect(computePlan(desired({ maxPermissionRevocationRatio: 1 }), actual).blocked).toBe(false)
  })

  it('reports workspaces and data sources the organization does not have, with the closest id', () => {
    const desired = desiredState(
      [
        desiredUser('ana', {
          workspacePermissions: [{ id: 'salse', permissions: ['VIEW'], hierarchy: [] }],
          dataSourcePermissions: [{ id: 'lake', permissions: ['USE'] }],
        }),
      ],
      [],
    )
    expect(checkPermissionScopes(desired, withScopes(actualState([], []))).map((problem) => problem.message)).toEqual([
      'user "ana" has workspace_permissions on "salse", which is not a workspace of the organization; did you mean "sales"?',
      'user "ana" has data_source_permissions on "lake", which is not a data source of the organization; create it first, or correct the id',
    ])
  })

  it('puts the permission change in the plan hash', () => {
    const actual = withScopes(actualState([actualUser('ana')], []))
    const plan = (permission: string) =>
      computePlan(
        desiredState(
          [desiredUser('ana', { workspacePermissions: [{ id: 'sales', permissions: [permission], hierarchy: [] }] })],
          [],
        ),
        actual,
      )
    expect(plan('VIEW').hash).not.toBe(plan('ANALYZE').hash)
  })

  it('changes the hash when the same write would revoke more than was reviewed', () => {
    const desired = desiredState(
      [desiredUser('ana', { workspacePermissions: [{ id: 'sales', permissions: ['VIEW'], hierarchy: [] }] })],
      [],
    )
    const holding = (names: string[]) =>
      withScopes(actualState([actualUser('ana', { scopedPermissions: held({ sales: names }) })], []))
    expect(computePlan(desired, holding(['ANALYZE'])).hash).not.toBe(computePlan(desired, holding(['MANAGE'])).hash)
  })
})
