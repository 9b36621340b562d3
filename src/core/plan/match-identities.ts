import type { ActualState } from '../model/actual-state.js'
import type { DeclaredUser, DeclaredUserGroup, DesiredState } from '../model/entities.js'
import type { SourcePosition } from '../model/problem.js'
import type { TargetProfile } from '../targets/target-profile.js'
import type { IdNotice } from './plan.js'

/**
 * Where the target, not the config, decides ids (Opendatasoft derives a group's uid from its title
 * and an invited user's username from the email), a declared entity whose id is not on the target
 * is the live one with the same title or email, when exactly one such is not declared itself. The
 * plan then treats it as that entity (never a delete and a create) and says which id to write.
 */
export function matchIdentities(
  desired: DesiredState,
  actual: ActualState,
  profile: TargetProfile,
): { desired: DesiredState; notices: IdNotice[] } {
  const identity = profile.identity
  const found: IdNotice[] = []
  const ignoringCase = identity?.groupTitles === 'ignoring-case'
  const titleOf = (group: { name?: string }) => (ignoringCase ? group.name?.toLowerCase() : group.name)
  // Ignoring case, the id names the live group too: `analysts` finds "Analysts", and a new user_group_name then renames it.
  // The plan names such a group by its name as well as its id (`groupLabels`), so whatever a declaration finds is visible.
  const groupKeys = (group: DeclaredUserGroup) =>
    ignoringCase ? [group.name.toLowerCase(), group.id.toLowerCase()] : [group.name]
  const userKey =
    identity?.users === 'email'
      ? (user: { email?: string }) => user.email?.toLowerCase()
      : (user: { id: string }) => user.id.toLowerCase()
  const groupIds = identity?.groupTitles
    ? matchByKey(desired.userGroups, actual.userGroups, groupKeys, titleOf, 'title', 'userGroup', found)
    : new Map<string, string>()
  const userIds = identity?.users
    ? matchByKey(
        desired.users,
        actual.users,
        (user) => [userKey(user)],
        userKey,
        identity.users === 'email' ? 'email' : 'login',
        'user',
        found,
      )
    : new Map<string, string>()
  const notices = identity?.notices ? found : []
  if (found.length === 0) return { desired, notices }
  const rename = (id: string, ids: ReadonlyMap<string, string>) => ids.get(id) ?? id
  const users = desired.users.map((user): DeclaredUser => {
    const groups = user.userGroups.some((group) => groupIds.has(group))
      ? [...new Set(user.userGroups.map((group) => rename(group, groupIds)))].sort()
      : user.userGroups
    return userIds.has(user.id) || groups !== user.userGroups
      ? { ...user, id: rename(user.id, userIds), userGroups: groups }
      : user
  })
  const liveNames = new Map(actual.userGroups.map((group) => [group.id, group.name]))
  const userGroups = desired.userGroups.map((group): DeclaredUserGroup => {
    const live = groupIds.get(group.id)
    if (live === undefined) return group
    // A group declared by id alone (its name defaulted to the id) keeps the name it has: declaring it is not renaming it.
    const name = group.name === group.id ? (liveNames.get(live) ?? group.name) : group.name
    return { ...group, id: live, name }
  })
  return {
    desired: { ...desired, users, userGroups },
    notices: notices.sort((a, b) => (a.declared < b.declared ? -1 : a.declared > b.declared ? 1 : 0)),
  }
}

/** Declared id → live id, for declared entities missing on the target whose key (the first that matches) one undeclared live entity shares. */
function matchByKey<D extends { id: string; source: SourcePosition }, A extends { id: string }>(
  declared: readonly D[],
  live: readonly A[],
  declaredKeys: (entity: D) => readonly (string | undefined)[],
  keyOf: (entity: A) => string | undefined,
  by: IdNotice['by'],
  kind: IdNotice['kind'],
  notices: IdNotice[],
): Map<string, string> {
  const declaredIds = new Set(declared.map((entity) => entity.id))
  const liveIds = new Set(live.map((entity) => entity.id))
  const candidates = new Map<string, string[]>()
  for (const entity of live) {
    const key = keyOf(entity)
    if (key === undefined || declaredIds.has(entity.id)) continue
    candidates.set(key, [...(candidates.get(key) ?? []), entity.id])
  }
  const out = new Map<string, string>()
  const taken = new Set<string>()
  for (const entity of declared) {
    // A tombstone matches too: `is_active: false` must reach the live entity it names.
    if (liveIds.has(entity.id)) continue
    const found = declaredKeys(entity)
      .map((key) => (key === undefined ? undefined : candidates.get(key)))
      .find((ids) => ids !== undefined)
    if (found?.length !== 1 || taken.has(found[0]!)) continue
    taken.add(found[0]!)
    out.set(entity.id, found[0]!)
    notices.push({ kind, declared: entity.id, live: found[0]!, by, source: entity.source })
  }
  return out
}
