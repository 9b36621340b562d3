import type { ActualState } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import type { EffectiveAccessChange, PermissionStep } from './plan.js'

/** Permissions a user holds: each with where it comes from (undefined: granted to the user directly). */
type Holdings = Map<string, string | undefined>

export interface EffectivePermissions {
  /** Users whose effective permissions change: what they gain and lose, each with its group. */
  readonly changes: ReadonlyMap<string, { readonly gained: PermissionStep[]; readonly lost: PermissionStep[] }>
  /** Users who hold `admin` before and after the changes, among those counted. */
  readonly adminsBefore: number
  readonly adminsAfter: number
}

/**
 * Where users and groups hold permissions (Opendatasoft), what each user holds before and after the
 * changes: their own permissions and those of every group they are in. `counted` says which users
 * count as administrators (staff accounts do not: they are the vendor's, not the organization's).
 */
export function computeEffectivePermissions(
  actual: ActualState,
  changes: readonly Change[],
  admin: string,
  counted: (userId: string) => boolean,
): EffectivePermissions {
  const groupsBefore = new Map(actual.userGroups.map((group) => [group.id, group.permissions ?? []]))
  const groupsAfter = new Map(groupsBefore)
  const usersAfter = new Map<string, { groups: readonly string[]; permissions: readonly string[] } | null>()
  for (const change of changes) {
    if (change.kind === 'userGroup') {
      if (change.action === 'delete') groupsAfter.delete(change.id)
      else if ('after' in change) groupsAfter.set(change.id, change.after.permissions ?? [])
    } else if (change.action === 'delete' || change.action === 'disable') {
      usersAfter.set(change.id, null)
    } else if (change.action === 'create' || change.action === 'update') {
      usersAfter.set(change.id, { groups: change.after.userGroups, permissions: change.after.permissions ?? [] })
    }
  }
  const out = new Map<string, { gained: PermissionStep[]; lost: PermissionStep[] }>()
  let adminsBefore = 0
  let adminsAfter = 0
  const consider = (userId: string, before: Holdings, after: Holdings, isNew = false) => {
    // A user this plan creates is only invited: they administer nothing until they accept, so they keep no domain administered.
    if (counted(userId) && !isNew) {
      if (before.has(admin)) adminsBefore++
      if (after.has(admin)) adminsAfter++
    }
    const gained = [...after].filter(([name]) => !before.has(name)).map(step)
    const lost = [...before].filter(([name]) => !after.has(name)).map(step)
    if (gained.length > 0 || lost.length > 0) out.set(userId, { gained: gained.sort(byName), lost: lost.sort(byName) })
  }
  const none: Holdings = new Map()
  for (const user of actual.users) {
    const before = user.disabled ? none : holdings(user.permissions ?? [], user.userGroups, groupsBefore)
    const next = usersAfter.get(user.id)
    const after =
      next === null
        ? none
        : next
          ? holdings(next.permissions, next.groups, groupsAfter)
          : holdings(user.permissions ?? [], user.userGroups, groupsAfter)
    consider(user.id, before, after)
  }
  const existing = new Set(actual.users.map((user) => user.id))
  for (const [userId, next] of usersAfter)
    if (next && !existing.has(userId))
      consider(userId, none, holdings(next.permissions, next.groups, groupsAfter), true)
  return { changes: out, adminsBefore, adminsAfter }
}

/** Direct permissions first; then each group's, the first group by id naming where a permission comes from. */
function holdings(
  own: readonly string[],
  groups: readonly string[],
  permissionsOf: ReadonlyMap<string, readonly string[]>,
): Holdings {
  const out: Holdings = new Map(own.map((name) => [name, undefined]))
  for (const group of [...groups].sort())
    for (const name of permissionsOf.get(group) ?? []) if (!out.has(name)) out.set(name, group)
  return out
}

function step([permission, via]: [string, string | undefined]): PermissionStep {
  return via === undefined ? { permission } : { permission, via }
}

function byName(a: PermissionStep, b: PermissionStep): number {
  return a.permission < b.permission ? -1 : a.permission > b.permission ? 1 : 0
}

/** Group changes and permission changes of each user, as one list sorted by user id. */
export function withPermissions(
  access: readonly EffectiveAccessChange[],
  permissions: EffectivePermissions['changes'],
): EffectiveAccessChange[] {
  const out = new Map(access.map((item) => [item.userId, item]))
  for (const [userId, change] of permissions)
    out.set(userId, { ...(out.get(userId) ?? { userId, gained: [], lost: [] }), permissions: change })
  return [...out.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
}

/** Why a plan must not go ahead as it is because it leaves no administrator, or undefined. */
export function lastAdminReason(permissions: EffectivePermissions, admin: string): string | undefined {
  if (permissions.adminsBefore === 0 || permissions.adminsAfter > 0) return undefined
  return `after this plan no user would hold ${admin}, directly or through a group: the domain would be left without an administrator; keep ${admin} for at least one user`
}
