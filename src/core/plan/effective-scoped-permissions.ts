import type { ActualState } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import {
  grantKey,
  grantsOf,
  NO_SCOPED_PERMISSIONS,
  type PermissionGrant,
  scopeOrder,
  type ScopedPermissions,
} from '../model/scoped-permissions.js'
import { effective, reachability } from './effective-access.js'
import type { EffectiveAccessChange, ScopedPermissionStep } from './plan.js'

type Steps = {
  gained: ScopedPermissionStep[]
  lost: ScopedPermissionStep[]
  more?: { readonly gained: number; readonly lost: number }
}

/** The most gained (and lost) permissions a plan lists for one user; the rest are counted. */
export const MAX_STEPS_PER_USER = 50

/** One side of the comparison: groups' parents and permissions, users' groups and permissions. */
interface World {
  readonly parents: Map<string, readonly string[]>
  readonly groupGrants: Map<string, readonly PermissionGrant[]>
}

/**
 * GoodData Cloud: for each user who keeps existing or is created, the permissions on workspaces
 * and data sources gained and lost, held directly or through a chain of nested groups, comparing
 * the organization now with the organization after the changes. Users whose direct permissions,
 * groups, and groups' permissions and ancestry stay as they are are passed over.
 */
export function computeEffectiveScopedPermissions(actual: ActualState, changes: readonly Change[]): Map<string, Steps> {
  const before: World = {
    parents: new Map(actual.userGroups.map((group) => [group.id, group.parents])),
    groupGrants: new Map(actual.userGroups.map((group) => [group.id, grantsOf(group.scopedPermissions ?? NONE)])),
  }
  const after: World = { parents: new Map(before.parents), groupGrants: new Map(before.groupGrants) }
  const userGroupsAfter = new Map<string, readonly string[] | null>()
  const userGrantsAfter = new Map<string, readonly PermissionGrant[]>()
  const touchedGroups = new Set<string>()
  for (const change of changes) {
    if (change.action === 'permissions') {
      if (change.kind === 'user') userGrantsAfter.set(change.id, grantsOf(change.to))
      else {
        after.groupGrants.set(change.id, grantsOf(change.to))
        touchedGroups.add(change.id)
      }
    } else if (change.kind === 'userGroup') {
      touchedGroups.add(change.id)
      if (change.action === 'delete') {
        after.parents.delete(change.id)
        after.groupGrants.delete(change.id)
      } else if (change.action === 'create' || change.action === 'update') {
        after.parents.set(change.id, change.after.parents)
        if (!after.groupGrants.has(change.id)) after.groupGrants.set(change.id, [])
      }
    } else if (change.action === 'delete' || change.action === 'disable') userGroupsAfter.set(change.id, null)
    else if (change.action === 'create' || change.action === 'update')
      userGroupsAfter.set(change.id, change.after.userGroups)
  }
  // Nothing held and nothing granted: no user's permissions can change, whatever else the plan does.
  const held = (permissions: ScopedPermissions | undefined) =>
    (permissions?.workspaces.length ?? 0) + (permissions?.dataSources.length ?? 0) > 0
  const granting = changes.some((change) => change.action === 'permissions')
  if (
    !granting &&
    !actual.users.some((user) => held(user.scopedPermissions)) &&
    !actual.userGroups.some((group) => held(group.scopedPermissions))
  )
    return new Map()

  const reachBefore = reachability(before.parents)
  const reachAfter = reachability(after.parents)
  const out = new Map<string, Steps>()
  const parentOf = new Map((actual.scopes?.workspaces ?? []).map((workspace) => [workspace.id, workspace.parent]))
  // A grant on a workspace is still held (or was already) where a hierarchy grant of the same permission
  // covers it: on the workspace itself or one above it.
  const covered = ({ grant }: ScopedPermissionStep, held: Map<string, ScopedPermissionStep>) => {
    if (grant.scope === 'dataSource') return false
    const seen = new Set<string>()
    let at = grant.scope === 'workspace' ? grant.id : parentOf.get(grant.id)
    while (at !== undefined && !seen.has(at)) {
      if (held.has(grantKey({ scope: 'workspace-hierarchy', id: at, permission: grant.permission }))) return true
      seen.add(at)
      at = parentOf.get(at)
    }
    return false
  }
  const consider = (userId: string, had: Map<string, ScopedPermissionStep>, has: Map<string, ScopedPermissionStep>) => {
    const gained = [...has].filter(([key, step]) => !had.has(key) && !covered(step, had)).map(([, step]) => step)
    const lost = [...had].filter(([key, step]) => !has.has(key) && !covered(step, has)).map(([, step]) => step)
    if (gained.length === 0 && lost.length === 0) return
    // A config can make one user gain thousands of grants through long chains: the plan keeps the
    // first of each and counts the rest, so its size stays bounded by users, not users × grants.
    const kept = (steps: ScopedPermissionStep[]) => steps.sort(byGrant).slice(0, MAX_STEPS_PER_USER)
    const more = {
      gained: Math.max(0, gained.length - MAX_STEPS_PER_USER),
      lost: Math.max(0, lost.length - MAX_STEPS_PER_USER),
    }
    out.set(userId, { gained: kept(gained), lost: kept(lost), ...(more.gained + more.lost > 0 ? { more } : {}) })
  }
  // Asked of every user's every group: answered once per group.
  const touchedFrom = new Map<string, boolean>()
  const touches = (group: string) => {
    let known = touchedFrom.get(group)
    if (known === undefined) {
      const hit = (reach: ReadonlyMap<string, unknown>) => [...reach.keys()].some((g) => touchedGroups.has(g))
      known = hit(reachBefore(group)) || hit(reachAfter(group))
      touchedFrom.set(group, known)
    }
    return known
  }
  const reaches = (groups: readonly string[]) => groups.some(touches)
  for (const user of actual.users) {
    const groupsAfter = userGroupsAfter.get(user.id)
    if (groupsAfter === null || user.disabled) continue
    const ownBefore = grantsOf(user.scopedPermissions ?? NONE)
    const ownAfter = userGrantsAfter.get(user.id)
    if (groupsAfter === undefined && ownAfter === undefined && !reaches(user.userGroups)) continue
    consider(
      user.id,
      holdings(ownBefore, user.userGroups, before, reachBefore),
      holdings(
        ownAfter ?? ownBefore,
        (groupsAfter ?? user.userGroups).filter((group) => after.parents.has(group)),
        after,
        reachAfter,
      ),
    )
  }
  const existing = new Set(actual.users.map((user) => user.id))
  for (const [userId, groups] of userGroupsAfter) {
    if (groups === null || existing.has(userId)) continue
    consider(userId, new Map(), holdings(userGrantsAfter.get(userId) ?? [], groups, after, reachAfter))
  }
  return out
}

/** Every grant a user holds: their own first, then each group's, through the shortest chain. */
function holdings(
  own: readonly PermissionGrant[],
  groups: readonly string[],
  world: World,
  reach: ReturnType<typeof reachability>,
): Map<string, ScopedPermissionStep> {
  const out = new Map<string, ScopedPermissionStep>()
  for (const grant of own) out.set(grantKey(grant), { grant, via: [] })
  const reached = [...effective(groups, reach).values()].sort((a, b) => a.via.length - b.via.length)
  for (const { group, via } of reached) {
    const grants = world.groupGrants.get(group) ?? []
    if (grants.length === 0) continue
    // One chain per group, shared by its grants.
    const chain = [...via, group]
    for (const grant of grants) {
      const key = grantKey(grant)
      if (!out.has(key)) out.set(key, { grant, via: chain })
    }
  }
  return out
}

/** In scope order (scopeOrder), then by permission name. */
function byGrant(a: ScopedPermissionStep, b: ScopedPermissionStep): number {
  const x = `${scopeOrder(a.grant)}\u0000${a.grant.permission}`
  const y = `${scopeOrder(b.grant)}\u0000${b.grant.permission}`
  return x < y ? -1 : x > y ? 1 : 0
}

/** Group changes and workspace and data-source permission changes of each user, one list sorted by user id. */
export function withScopedPermissions(
  access: readonly EffectiveAccessChange[],
  scoped: ReadonlyMap<string, Steps>,
): EffectiveAccessChange[] {
  if (scoped.size === 0) return [...access]
  const out = new Map(access.map((item) => [item.userId, item]))
  for (const [userId, change] of scoped)
    out.set(userId, { ...(out.get(userId) ?? { userId, gained: [], lost: [] }), scopedPermissions: change })
  return [...out.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
}

const NONE: ScopedPermissions = NO_SCOPED_PERMISSIONS
