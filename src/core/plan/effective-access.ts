import type { ActualState, ActualUser } from '../model/actual-state.js'
import { sameList } from '../model/same-list.js'
import type { Change } from '../model/change.js'
import type { AccessStep, EffectiveAccessChange } from './plan.js'

type Graph = ReadonlyMap<string, readonly string[]>

/** The most groups a plan lists as gained (and lost) for one user; the rest are counted. */
export const MAX_GROUPS_PER_USER = 50

/**
 * For every user that keeps existing or is created: the groups gained and lost, directly or
 * through nested parents, comparing the target now with the target after the changes. Users the
 * changes do not reach are passed over without work, which keeps a large organization fast: when
 * no group's ancestry changes, only the changed users are looked up (by `liveUser`, the live user
 * with an id) rather than every live user walked.
 */
export function computeEffectiveAccess(
  actual: ActualState,
  changes: readonly Change[],
  liveUser?: (id: string) => ActualUser | undefined,
): EffectiveAccessChange[] {
  const parentsBefore: Graph = new Map(actual.userGroups.map((group) => [group.id, group.parents]))
  const parentsAfter = new Map(parentsBefore)
  /** New membership lists by user id; null for a deleted user. */
  const usersChanged = new Map<string, readonly string[] | null>()
  let groupStructureChanged = false
  for (const change of changes) {
    if (change.kind === 'user') {
      // Enabling and single memberships do not reach here: access is computed from whole membership lists.
      if (change.action === 'delete' || change.action === 'disable') usersChanged.set(change.id, null)
      else if (change.action === 'create' || change.action === 'update')
        usersChanged.set(change.id, change.after.userGroups)
    } else if (change.action === 'delete') {
      parentsAfter.delete(change.id)
      groupStructureChanged = true
    } else if (change.action === 'create' || change.action === 'update') {
      parentsAfter.set(change.id, change.after.parents)
      if (change.action === 'update') groupStructureChanged ||= !sameList(change.before.parents, change.after.parents)
    }
  }
  // A deleted group drops out of parent lists and memberships, as the server drops it.
  dropMissing(parentsAfter, parentsAfter)
  const droppedGroups = parentsBefore.size > 0 && [...parentsBefore.keys()].some((group) => !parentsAfter.has(group))
  const reachBefore = reachability(parentsBefore)
  const reachAfter = reachability(parentsAfter)
  const ancestryChanged = groupStructureChanged
    ? memoise((group: string) => signature(reachBefore(group)) !== signature(reachAfter(group)))
    : () => false

  const out: EffectiveAccessChange[] = []
  const consider = (userId: string, before: readonly string[], declared: readonly string[]) => {
    // Same groups, each one the target knows, and no ancestry changed: the same access (an email change, say),
    // told with no sets built. A group the live state lists for a user but not as a group may be created now.
    if (
      !groupStructureChanged &&
      !droppedGroups &&
      sameList(before, declared) &&
      before.every((group) => parentsBefore.has(group))
    )
      return
    const after = droppedGroups ? declared.filter((group) => parentsAfter.has(group)) : declared
    const had = effective(before, reachBefore)
    const has = effective(after, reachAfter)
    const gained = [...has.keys()]
      .filter((group) => !had.has(group))
      .sort()
      .map((group) => has.get(group)!)
    const lost = [...had.keys()]
      .filter((group) => !has.has(group))
      .sort()
      .map((group) => had.get(group)!)
    if (gained.length === 0 && lost.length === 0) return
    // Long parent chains can make one user gain hundreds of groups: the plan lists the first and counts the rest.
    const more = {
      gained: Math.max(0, gained.length - MAX_GROUPS_PER_USER),
      lost: Math.max(0, lost.length - MAX_GROUPS_PER_USER),
    }
    out.push({
      userId,
      gained: gained.slice(0, MAX_GROUPS_PER_USER),
      lost: lost.slice(0, MAX_GROUPS_PER_USER),
      ...(more.gained + more.lost > 0 ? { moreGroups: more } : {}),
    })
  }
  const enabled = new Set(changes.filter((change) => change.action === 'enable').map((change) => change.id))
  const existing = new Set<string>()
  const visit = (user: ActualUser) => {
    const changed = usersChanged.get(user.id)
    if (changed !== undefined) existing.add(user.id)
    if (changed === null) return
    // A disabled user has no access; enabling gives back every group they will be in.
    if (user.disabled) {
      if (enabled.has(user.id)) consider(user.id, [], changed ?? user.userGroups)
      return
    }
    if (changed === undefined && !droppedGroups && !user.userGroups.some(ancestryChanged)) return
    consider(user.id, user.userGroups, changed ?? user.userGroups)
  }
  if (groupStructureChanged || droppedGroups || !liveUser) for (const user of actual.users) visit(user)
  else {
    // No group's ancestry changes: only the changed and enabled users can gain or lose, so only they are looked up.
    for (const id of new Set([...usersChanged.keys(), ...enabled])) {
      const user = liveUser(id)
      if (user) visit(user)
    }
  }
  for (const [userId, groups] of usersChanged)
    if (groups !== null && !existing.has(userId)) consider(userId, [], groups)
  return out.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
}

function dropMissing(lists: Map<string, readonly string[]>, groups: ReadonlyMap<string, unknown>): void {
  for (const [id, list] of lists) {
    if (list.every((group) => groups.has(group))) continue
    lists.set(
      id,
      list.filter((group) => groups.has(group)),
    )
  }
}

function signature(reach: ReadonlyMap<string, readonly string[]>): string {
  return [...reach.keys()].sort().join('\n')
}

function memoise<T>(compute: (key: string) => T): (key: string) => T {
  const memo = new Map<string, T>()
  return (key) => {
    if (!memo.has(key)) memo.set(key, compute(key))
    return memo.get(key)!
  }
}

/** For each group, every ancestor with the shortest chain to it (memoised per graph). */
export function reachability(parents: Graph): (group: string) => ReadonlyMap<string, readonly string[]> {
  const memo = new Map<string, ReadonlyMap<string, readonly string[]>>()
  return (start) => {
    const known = memo.get(start)
    if (known) return known
    const chains = new Map<string, readonly string[]>([[start, []]])
    const queue = [start]
    for (let head = 0; head < queue.length; head++) {
      const group = queue[head]!
      for (const parent of [...(parents.get(group) ?? [])].sort()) {
        if (chains.has(parent)) continue
        chains.set(parent, [...chains.get(group)!, group])
        queue.push(parent)
      }
    }
    memo.set(start, chains)
    return chains
  }
}

/** Effective groups of a user, each with the chain it comes through (direct groups first). */
export function effective(
  direct: readonly string[],
  reach: (group: string) => ReadonlyMap<string, readonly string[]>,
): Map<string, AccessStep> {
  const out = new Map<string, AccessStep>()
  for (const group of [...direct].sort()) out.set(group, { group, via: [] })
  for (const group of [...direct].sort()) {
    for (const [ancestor, chain] of reach(group)) {
      const existing = out.get(ancestor)
      if (!existing || existing.via.length > chain.length) out.set(ancestor, { group: ancestor, via: chain })
    }
  }
  return out
}
