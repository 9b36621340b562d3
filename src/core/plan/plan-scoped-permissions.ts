import type { ActualState } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import type { DeclaredScopedPermissions, DeclaredUser, DeclaredUserGroup, LoadMode } from '../model/entities.js'
import type { Problem } from '../model/problem.js'
import {
  NO_SCOPED_PERMISSIONS,
  fromGrants,
  grantsOf,
  normaliseScopedPermissions,
  sameScopedPermissions,
  splitDeclarable,
  type ScopedPermissions,
} from '../model/scoped-permissions.js'
import { didYouMean } from '../config/suggest-closest.js'

/** Whether an entity declares permissions on workspaces or data sources at all. */
export function declaresScopedPermissions(entity: DeclaredScopedPermissions): boolean {
  return entity.workspacePermissions !== undefined || entity.dataSourcePermissions !== undefined
}

/**
 * The permission change of one declared, active user or group, if any: what it holds now (nothing
 * when it is created) and what it should hold. A kind it does not declare is kept as it is. Full
 * load: a declared kind is replaced whole, so what is not declared is revoked. Incremental: only
 * the workspaces and data sources it names are set as declared; the others are kept.
 */
export function planScopedPermissions(
  declared: DeclaredUser | DeclaredUserGroup,
  kind: 'user' | 'userGroup',
  held: ScopedPermissions | undefined,
  load: LoadMode,
): Change | undefined {
  if (!declared.isActive || !declaresScopedPermissions(declared)) return undefined
  const from = held ?? NO_SCOPED_PERMISSIONS
  const replace = <T extends { id: string }>(current: readonly T[], wanted: readonly T[] | undefined): T[] => {
    if (wanted === undefined) return [...current]
    if (load === 'full') return [...wanted]
    const named = new Set(wanted.map((item) => item.id))
    return [...current.filter((item) => !named.has(item.id)), ...wanted]
  }
  // What no config can declare (a permission name GoodData added since, an id the schema refuses) is kept.
  const { declarable, kept } = splitDeclarable(from)
  const wanted = normaliseScopedPermissions({
    workspaces: replace(declarable.workspaces, declared.workspacePermissions),
    dataSources: replace(declarable.dataSources, declared.dataSourcePermissions),
  })
  const to = fromGrants([...grantsOf(wanted), ...grantsOf(kept)])
  if (sameScopedPermissions(from, to)) return undefined
  return { action: 'permissions', kind, id: declared.id, from, to }
}

/**
 * Declared users and groups that hold permissions on workspaces or data sources and declare none:
 * what they hold is left as it is, and the plan says how many.
 */
export function permissionsLeftAlone(
  desired: { readonly users: readonly DeclaredUser[]; readonly userGroups: readonly DeclaredUserGroup[] },
  actual: ActualState,
): { readonly users: number; readonly userGroups: number } {
  const holding = (entities: readonly { id: string; scopedPermissions?: ScopedPermissions }[]) =>
    new Set(
      entities
        .filter(({ scopedPermissions: held }) => held && (held.workspaces.length > 0 || held.dataSources.length > 0))
        .map(({ id }) => id),
    )
  const users = holding(actual.users)
  const groups = holding(actual.userGroups)
  const count = (declared: readonly (DeclaredUser | DeclaredUserGroup)[], held: ReadonlySet<string>) =>
    declared.filter((entity) => entity.isActive && held.has(entity.id) && !declaresScopedPermissions(entity)).length
  return { users: count(desired.users, users), userGroups: count(desired.userGroups, groups) }
}

/**
 * Workspaces and data sources the config grants on that the organization does not have: a typo,
 * or one not created yet. Checked at plan time, since only the target knows its workspaces.
 */
export function checkPermissionScopes(
  declared: { readonly users: readonly DeclaredUser[]; readonly userGroups: readonly DeclaredUserGroup[] },
  actual: ActualState,
): Problem[] {
  const scopes = actual.scopes
  if (!scopes) return []
  const workspaces = scopes.workspaces.map((workspace) => workspace.id)
  const dataSources = scopes.dataSources.map((dataSource) => dataSource.id)
  const knownWorkspaces = new Set(workspaces)
  const knownDataSources = new Set(dataSources)
  const problems: Problem[] = []
  const check = (entity: DeclaredUser | DeclaredUserGroup, what: string) => {
    if (!entity.isActive) return
    for (const { id } of entity.workspacePermissions ?? []) {
      if (knownWorkspaces.has(id)) continue
      problems.push({
        ...entity.source,
        message: `${what} ${q(entity.id)} has workspace_permissions on ${q(id)}, which is not a workspace of the organization${hint(id, workspaces)}`,
      })
    }
    for (const { id } of entity.dataSourcePermissions ?? []) {
      if (knownDataSources.has(id)) continue
      problems.push({
        ...entity.source,
        message: `${what} ${q(entity.id)} has data_source_permissions on ${q(id)}, which is not a data source of the organization${hint(id, dataSources)}`,
      })
    }
  }
  for (const user of declared.users) check(user, 'user')
  for (const group of declared.userGroups) check(group, 'user group')
  return problems
}

function hint(id: string, known: readonly string[]): string {
  const closest = didYouMean(id, known)
  if (closest) return closest
  return known.length === 0 ? '; the organization has none yet' : '; create it first, or correct the id'
}

function q(text: string): string {
  return JSON.stringify(text)
}
