import { showChain } from './describe-change.js'
import type { Change } from '../model/change.js'
import { countRevoked, diffScopedPermissions, type PermissionGrant } from '../model/scoped-permissions.js'
import type { Plan, ScopedPermissionStep } from '../plan/plan.js'

type PermissionsChange = Extract<Change, { action: 'permissions' }>

/** "workspace sales", "workspace emea and its children", "data source warehouse", ids through `show`. */
export function describeScope(scope: PermissionGrant['scope'], id: string, show: (id: string) => string): string {
  if (scope === 'dataSource') return `data source ${show(id)}`
  return `workspace ${show(id)}${scope === 'workspace-hierarchy' ? ' and its children' : ''}`
}

/** One part per workspace or data source: "workspace sales: +ANALYZE −VIEW". */
export function describePermissionChanges(change: PermissionsChange, show: (id: string) => string): string[] {
  return diffScopedPermissions(change.from, change.to).map(
    ({ scope, id, added, removed }) =>
      `${describeScope(scope, id, show)}: ${[...added.map((name) => `+${show(name)}`), ...removed.map((name) => `−${show(name)}`)].join(' ')}`,
  )
}

/** How many single permissions a change revokes. */
export function revokedCount(change: PermissionsChange): number {
  return countRevoked(change.from, change.to)
}

/** "+ANALYZE on workspace sales (via analysts → everyone)"; the chain's ids through `group`. */
export function describeScopedStep(
  sign: '+' | '−',
  { grant, via }: ScopedPermissionStep,
  show: (id: string) => string,
  group: (id: string) => string,
): string {
  const chain = via.length > 0 ? ` (via ${showChain(via, group)})` : ''
  return `${sign}${show(grant.permission)} on ${describeScope(grant.scope, grant.id, show)}${chain}`
}

/** Whether a step is management of a workspace or data source: losing one is called out first. */
export function isManagement(step: ScopedPermissionStep): boolean {
  return step.grant.permission === 'MANAGE'
}

/** "2 users and 1 user group hold permissions on workspaces or data sources and declare none: theirs are left as they are". */
export function describePermissionsLeftAlone(plan: Plan): string | undefined {
  const counts = plan.permissionsLeftAlone
  if (!counts || counts.users + counts.userGroups === 0) return undefined
  const parts = [
    counts.users > 0 ? `${counts.users} ${counts.users === 1 ? 'user' : 'users'}` : '',
    counts.userGroups > 0 ? `${counts.userGroups} ${counts.userGroups === 1 ? 'user group' : 'user groups'}` : '',
  ].filter((part) => part !== '')
  const total = counts.users + counts.userGroups
  return `${parts.join(' and ')} ${total === 1 ? 'holds' : 'hold'} permissions on workspaces or data sources and ${total === 1 ? 'declares' : 'declare'} none: left as they are (declare workspace_permissions or data_source_permissions to manage them)`
}

/** "… and 120 more permissions gained, 3 more lost": what a plan counted but did not list for one user. */
export function describeMore(
  more: { readonly gained: number; readonly lost: number } | undefined,
  what = 'permissions',
): string[] {
  if (!more) return []
  const parts = [
    more.gained > 0 ? `${more.gained} more ${what} gained` : '',
    more.lost > 0 ? `${more.lost} more ${what} lost` : '',
  ]
  return [`… and ${parts.filter((part) => part !== '').join(', ')}`]
}

/**
 * Who loses MANAGE on a workspace or data source: users, directly or through a group, and groups
 * whose own MANAGE is revoked. Ids through `show`.
 */
export function managementLosses(plan: Plan, show: (id: string) => string): string[] {
  const losses: string[] = []
  for (const { userId, scopedPermissions } of plan.effectiveAccess)
    for (const step of scopedPermissions?.lost ?? [])
      if (isManagement(step)) losses.push(`${show(userId)} ${describeScopedStep('−', step, show, show)}`)
  for (const { change } of plan.changes) {
    if (change.action !== 'permissions' || change.kind !== 'userGroup') continue
    for (const { scope, id, removed } of diffScopedPermissions(change.from, change.to))
      if (removed.includes('MANAGE'))
        losses.push(`group ${show(change.id)} −MANAGE on ${describeScope(scope, id, show)}`)
  }
  return losses
}
