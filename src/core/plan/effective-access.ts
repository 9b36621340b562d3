import type { ActualState } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import type { AccessStep, EffectiveAccessChange } from './plan.js'

type Graph = ReadonlyMap<string, readonly string[]>

/**
 * For every user that keeps existing or is created: the groups gained and lost, directly or
 * through nested parents, comparing the target now with the target after the changes.
 */
export function computeEffectiveAccess(actual: ActualState, changes: readonly Change[]): EffectiveAccessChange[] {
  const parentsBefore = new Map(actual.userGroups.map((group) => [group.id, group.parents]))
  const parentsAfter = new Map(parentsBefore)
  const usersBefore = new Map(actual.users.map((user) => [user.id, user.userGroups]))
  const usersAfter = new Map(usersBefore)
  for (const change of changes) {
    const graph = change.kind === 'user' ? usersAfter : parentsAfter
    if (change.action === 'delete') graph.delete(change.id)
    else graph.set(change.id, change.kind === 'user' ? change.after.userGroups : change.after.parents)
  }
  for (const [id, parents] of parentsAfter) parentsAfter.set(id, parents.filter((parent) => parentsAfter.has(parent)))
  for (const [id, groups] of usersAfter) usersAfter.set(id, groups.filter((group) => parentsAfter.has(group)))

  const reachBefore = reachability(parentsBefore)
  const reachAfter = reachability(parentsAfter)
  const ancestryChanged = memoise((group: string) => signature(reachBefore(group)) !== signature(reachAfter(group)))
  const out: EffectiveAccessChange[] = []
  for (const [userId, direct] of [...usersAfter].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = usersBefore.get(userId) ?? []
    // Unchanged memberships whose groups kept their ancestors: nothing to show, nothing to compute.
    if (before === direct && !direct.some(ancestryChanged)) continue
    const had = effective(before, reachBefore)
    const has = effective(direct, reachAfter)
    const gained = [...has.keys()].filter((group) => !had.has(group)).sort().map((group) => has.get(group)!)
    const lost = [...had.keys()].filter((group) => !has.has(group)).sort().map((group) => had.get(group)!)
    if (gained.length > 0 || lost.length > 0) out.push({ userId, gained, lost })
  }
  return out
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
function reachability(parents: Graph): (group: string) => ReadonlyMap<string, readonly string[]> {
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
function effective(direct: readonly string[], reach: (group: string) => ReadonlyMap<string, readonly string[]>): Map<string, AccessStep> {
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
