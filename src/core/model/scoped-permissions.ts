/**
 * GoodData Cloud's permissions on workspaces and data sources, held by users and user groups
 * (the API's WorkspacePermissionAssignment and DataSourcePermissionAssignment).
 */

/** The workspace permission names of the API description, strongest first as GoodData lists them. */
export const WORKSPACE_PERMISSIONS = [
  'MANAGE',
  'ANALYZE',
  'EXPORT',
  'EXPORT_TABULAR',
  'EXPORT_PDF',
  'CREATE_AUTOMATION',
  'USE_AI_ASSISTANT',
  'WRITE_KNOWLEDGE_DOCUMENTS',
  'READ_KNOWLEDGE_DOCUMENTS',
  'CREATE_FILTER_VIEW',
  'VIEW',
] as const

export const DATA_SOURCE_PERMISSIONS = ['MANAGE', 'USE'] as const

/** One holder's permissions on one workspace: on it alone, and on it and every workspace under it. */
export interface WorkspaceAssignment {
  readonly id: string
  /** Sorted, without duplicates. */
  readonly permissions: readonly string[]
  /** Sorted, without duplicates: these reach the workspace's children too. */
  readonly hierarchy: readonly string[]
}

/** One holder's permissions on one data source. */
export interface DataSourceAssignment {
  readonly id: string
  readonly permissions: readonly string[]
}

/** Everything one user or group holds directly, by workspace and data source id (sorted, no empty entries). */
export interface ScopedPermissions {
  readonly workspaces: readonly WorkspaceAssignment[]
  readonly dataSources: readonly DataSourceAssignment[]
}

/** A workspace as the target has it; permissions on it given `hierarchy` reach its children. */
export interface WorkspaceRef {
  readonly id: string
  readonly name?: string
  readonly parent?: string
}

/** What can be granted on: present in the actual state when the target read it. */
export interface PermissionScopes {
  readonly workspaces: readonly WorkspaceRef[]
  readonly dataSources: readonly { readonly id: string; readonly name?: string }[]
}

export const NO_SCOPED_PERMISSIONS: ScopedPermissions = { workspaces: [], dataSources: [] }

/** One permission on one scope, as people read it: "ANALYZE on workspace sales". */
export interface PermissionGrant {
  readonly scope: 'workspace' | 'workspace-hierarchy' | 'dataSource'
  readonly id: string
  readonly permission: string
}

/** Every single grant of a holder, in a stable order. */
export function grantsOf(held: ScopedPermissions): PermissionGrant[] {
  const out: PermissionGrant[] = []
  for (const workspace of held.workspaces) {
    for (const permission of workspace.permissions) out.push({ scope: 'workspace', id: workspace.id, permission })
    for (const permission of workspace.hierarchy)
      out.push({ scope: 'workspace-hierarchy', id: workspace.id, permission })
  }
  for (const dataSource of held.dataSources)
    for (const permission of dataSource.permissions) out.push({ scope: 'dataSource', id: dataSource.id, permission })
  return out
}

/** A grant's key, for sets: "workspace:sales:ANALYZE". */
export function grantKey(grant: PermissionGrant): string {
  return `${grant.scope}:${grant.id}:${grant.permission}`
}

/**
 * Where a grant sorts: workspaces by id, then data sources by id; on one workspace, its own
 * permissions before those that reach its children.
 */
export function scopeOrder({ scope, id }: PermissionGrant): string {
  return `${scope === 'dataSource' ? 1 : 0}\u0000${id}\u0000${scope === 'workspace-hierarchy' ? 1 : 0}`
}

/** How many single permissions held in `from` are not in `to`: what a change revokes. */
export function countRevoked(from: ScopedPermissions, to: ScopedPermissions): number {
  const kept = new Set(grantsOf(to).map(grantKey))
  return grantsOf(from).filter((grant) => !kept.has(grantKey(grant))).length
}

/** Whether two holdings are the same (both normalised: sorted, no empty entries). */
export function sameScopedPermissions(a: ScopedPermissions, b: ScopedPermissions): boolean {
  const keys = (held: ScopedPermissions) => grantsOf(held).map(grantKey).join('\n')
  return keys(a) === keys(b)
}

/** Sorted by id, each list sorted and unique, entries with nothing in them dropped. */
export function normaliseScopedPermissions(held: ScopedPermissions): ScopedPermissions {
  const unique = (names: readonly string[]) => [...new Set(names)].sort()
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return {
    workspaces: held.workspaces
      .map((workspace) => ({
        id: workspace.id,
        permissions: unique(workspace.permissions),
        hierarchy: unique(workspace.hierarchy),
      }))
      .filter((workspace) => workspace.permissions.length > 0 || workspace.hierarchy.length > 0)
      .sort(byId),
    dataSources: held.dataSources
      .map((dataSource) => ({ id: dataSource.id, permissions: unique(dataSource.permissions) }))
      .filter((dataSource) => dataSource.permissions.length > 0)
      .sort(byId),
  }
}

/** What changes on one workspace (its own permissions, or those reaching its children) or data source. */
export interface ScopeDifference {
  readonly scope: PermissionGrant['scope']
  readonly id: string
  readonly added: readonly string[]
  readonly removed: readonly string[]
}

/** From one holding to another, scope by scope, in a stable order (workspaces, then data sources). */
export function diffScopedPermissions(from: ScopedPermissions, to: ScopedPermissions): ScopeDifference[] {
  const key = scopeOrder
  const before = new Set(grantsOf(from).map(grantKey))
  const after = new Set(grantsOf(to).map(grantKey))
  const out = new Map<string, { scope: PermissionGrant['scope']; id: string; added: string[]; removed: string[] }>()
  const entry = (grant: PermissionGrant) => {
    let found = out.get(key(grant))
    if (!found) {
      found = { scope: grant.scope, id: grant.id, added: [], removed: [] }
      out.set(key(grant), found)
    }
    return found
  }
  for (const grant of grantsOf(to)) if (!before.has(grantKey(grant))) entry(grant).added.push(grant.permission)
  for (const grant of grantsOf(from)) if (!after.has(grantKey(grant))) entry(grant).removed.push(grant.permission)
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value)
}

const DECLARABLE_ID = /^(?!\.)[.A-Za-z0-9_-]{1,255}$/

/**
 * A holding split in what a config can declare (names this tool knows, on ids the schema admits)
 * and what it cannot (a permission GoodData added since, an id the schema refuses): a plan keeps
 * the second as it is, and export leaves it out.
 */
export function splitDeclarable(held: ScopedPermissions): { declarable: ScopedPermissions; kept: ScopedPermissions } {
  const declarable: PermissionGrant[] = []
  const kept: PermissionGrant[] = []
  for (const grant of grantsOf(held)) {
    const names: readonly string[] = grant.scope === 'dataSource' ? DATA_SOURCE_PERMISSIONS : WORKSPACE_PERMISSIONS
    const ok = DECLARABLE_ID.test(grant.id) && names.includes(grant.permission)
    ;(ok ? declarable : kept).push(grant)
  }
  return { declarable: fromGrants(declarable), kept: fromGrants(kept) }
}

/** Grants back into a holding, normalised. */
export function fromGrants(grants: readonly PermissionGrant[]): ScopedPermissions {
  const workspaces = new Map<string, { id: string; permissions: string[]; hierarchy: string[] }>()
  const dataSources = new Map<string, { id: string; permissions: string[] }>()
  for (const { scope, id, permission } of grants) {
    if (scope === 'dataSource') {
      const entry = dataSources.get(id) ?? { id, permissions: [] }
      entry.permissions.push(permission)
      dataSources.set(id, entry)
    } else {
      const entry = workspaces.get(id) ?? { id, permissions: [], hierarchy: [] }
      ;(scope === 'workspace' ? entry.permissions : entry.hierarchy).push(permission)
      workspaces.set(id, entry)
    }
  }
  return normaliseScopedPermissions({ workspaces: [...workspaces.values()], dataSources: [...dataSources.values()] })
}
