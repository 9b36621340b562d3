import type { Assignee } from './permission-names.js'
import type { OrganizationState } from './organization-state.js'

/**
 * The groups a user or group takes permissions from beyond its own: a user's groups, and every
 * parent of those groups up the tree (members of a child group are members of its parents).
 * Groups that do not exist (written without X-GDC-VALIDATE-RELATIONS) give nothing.
 */
export function inheritedGroups(state: OrganizationState, assignee: Assignee): string[] {
  const start =
    assignee.type === 'user'
      ? (state.users.get(assignee.id)?.userGroups ?? [])
      : (state.userGroups.get(assignee.id)?.parents ?? [])
  const found: string[] = []
  const stack = [...start].reverse()
  while (stack.length > 0) {
    const id = stack.pop()!
    const group = state.userGroups.get(id)
    if (!group || found.includes(id) || (assignee.type === 'userGroup' && id === assignee.id)) continue
    found.push(id)
    stack.push(...[...group.parents].reverse())
  }
  return found
}

/** Whether the user or group manages the organization: the bootstrap user, or in the bootstrap group. */
export function isOrganizationAdmin(state: OrganizationState, assignee: Assignee): boolean {
  if (assignee.type === 'user' && assignee.id === state.bootstrapUser) return true
  if (assignee.type === 'userGroup' && assignee.id === state.bootstrapUserGroup) return true
  return inheritedGroups(state, assignee).includes(state.bootstrapUserGroup)
}
