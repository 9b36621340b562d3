import type { ActualState, ActualUser, AutomaticProtection } from '../model/actual-state.js'

/**
 * The groups that automatically protected users (the token's own user, the bootstrap user) are in,
 * directly or through parents: their rights may come from those groups, so deleting or changing
 * one could lock the token out. Each is protected with the reason, naming the user and the path.
 */
export function protectMemberships(actual: ActualState): AutomaticProtection[] {
  const groups = new Map(actual.userGroups.map((group) => [group.id, group]))
  const users = protectedUsers(actual)
  const found = new Map<string, string>()
  const seen = new Set<string>()
  for (const protection of actual.protectedIds) {
    const user = protection.kind === 'user' ? users.get(protection.id) : undefined
    // A user protected for two reasons (the token's user is often the bootstrap user) is named once, for the first.
    if (!user || seen.has(user.id)) continue
    seen.add(user.id)
    // Breadth first, so each group is named with its shortest path from the user.
    const queue = user.userGroups.map((id) => ({ id, via: [] as string[] }))
    for (let i = 0; i < queue.length; i++) {
      const { id, via } = queue[i]!
      if (found.has(id)) continue
      const through = via.length > 0 ? ` through ${via.map((step) => JSON.stringify(step)).join(' → ')}` : ''
      found.set(id, `its member ${JSON.stringify(user.id)} is ${protection.reason}${through}`)
      for (const parent of groups.get(id)?.parents ?? []) queue.push({ id: parent, via: [...via, id] })
    }
  }
  return [...found].map(([id, reason]) => ({ kind: 'userGroup', id, reason }))
}

/** The live users that are protected, by id (the last of a repeated id, as a map built from all would hold). */
function protectedUsers(actual: ActualState): Map<string, ActualUser> {
  const ids = new Set(actual.protectedIds.filter((item) => item.kind === 'user').map((item) => item.id))
  const users = new Map<string, ActualUser>()
  if (ids.size === 0) return users
  for (const user of actual.users) if (ids.has(user.id)) users.set(user.id, user)
  return users
}
