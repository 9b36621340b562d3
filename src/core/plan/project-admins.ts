import type { ActualState } from '../model/actual-state.js'
import type { Change } from '../model/change.js'

/**
 * Where users hold a project role: why a plan must not go ahead because it leaves no enabled user
 * with `adminRole` (disabled, removed or given another role), or undefined. The server refuses the
 * last one with a 403 halfway through an apply; the plan stops before anything is sent.
 */
export function lastProjectAdminReason(
  actual: ActualState,
  changes: readonly Change[],
  adminRole: string,
): string | undefined {
  const roles = new Map(actual.users.filter((user) => !user.disabled).map((user) => [user.id, user.role]))
  const before = [...roles.values()].filter((role) => role === adminRole).length
  if (before === 0) return undefined
  const byAction = (actions: readonly Change['action'][]) =>
    changes.filter((change) => change.kind === 'user' && actions.includes(change.action))
  // In the order apply keeps (its dependencies make it so): enabling before writing, writing before removing.
  for (const change of byAction(['enable'])) if (change.action === 'enable') roles.set(change.id, change.before.role)
  for (const change of byAction(['create', 'update']))
    if ('after' in change && change.kind === 'user') roles.set(change.id, change.after.role)
  for (const change of byAction(['disable', 'delete'])) roles.delete(change.id)
  if ([...roles.values()].some((role) => role === adminRole)) return undefined
  return `after this plan no enabled user of the project would hold ${adminRole}: the project would be left without an administrator; keep ${adminRole} for at least one user`
}
