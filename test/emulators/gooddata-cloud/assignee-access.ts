import { inheritedGroups, isOrganizationAdmin } from './group-membership.js'
import type { OrganizationState } from './organization-state.js'
import {
  DATA_SOURCE_PERMISSIONS,
  isSameAssignee,
  sortPermissions,
  WORKSPACE_PERMISSIONS,
  type Assignee,
  type DataSourcePermission,
  type Grant,
  type WorkspacePermission,
} from './permission-names.js'
import { workspaceAncestors } from './workspace-records.js'

/** How an assignee reaches a workspace or data source (UserManagementWorkspacePermissionAssignment.accessSource). */
export type AccessSource = 'DIRECT' | 'GROUP' | 'HIERARCHY'

/** What an assignee may do in one workspace, and from where. */
export interface WorkspaceAccess {
  readonly id: string
  readonly source: AccessSource
  readonly permissions: WorkspacePermission[]
  readonly hierarchyPermissions: WorkspacePermission[]
}

/** What an assignee may do with one data source, and from where (never HIERARCHY). */
export interface DataSourceAccess {
  readonly id: string
  readonly source: Exclude<AccessSource, 'HIERARCHY'>
  readonly permissions: DataSourcePermission[]
}

const namesFor = <Name extends string>(grants: readonly Grant<Name>[], holders: readonly Assignee[]) =>
  grants.filter((grant) => holders.some((holder) => isSameAssignee(grant.assignee, holder))).map((g) => g.name)

/**
 * The assignee's workspace access by workspace id: DIRECT is its own grants; with `inherited`,
 * GROUP is its groups' grants (a group's: its parents') and HIERARCHY the hierarchy permissions
 * given on a workspace above, by it or its groups. Entries with no permission are left out.
 */
export function workspaceAccess(
  state: OrganizationState,
  assignee: Assignee,
  options: { readonly inherited: boolean },
): WorkspaceAccess[] {
  const groups = options.inherited
    ? inheritedGroups(state, assignee).map((id): Assignee => ({ id, type: 'userGroup' }))
    : []
  const sources: [AccessSource, Assignee[]][] = [
    ['DIRECT', [assignee]],
    ['GROUP', groups],
  ]
  return state.sortedWorkspaces().flatMap((workspace) => {
    const found = sources.map(([source, holders]) => ({
      id: workspace.id,
      source,
      permissions: sortPermissions(namesFor(workspace.permissions, holders), WORKSPACE_PERMISSIONS),
      hierarchyPermissions: sortPermissions(namesFor(workspace.hierarchyPermissions, holders), WORKSPACE_PERMISSIONS),
    }))
    if (options.inherited) {
      const above = workspaceAncestors(state.workspaces, workspace.id).map((id) => state.workspaces.get(id)!)
      const fromAbove = above.flatMap((ancestor) => namesFor(ancestor.hierarchyPermissions, [assignee, ...groups]))
      const permissions = sortPermissions(fromAbove, WORKSPACE_PERMISSIONS)
      found.push({ id: workspace.id, source: 'HIERARCHY', permissions, hierarchyPermissions: [] })
    }
    return found.filter((access) => access.permissions.length + access.hierarchyPermissions.length > 0)
  })
}

/** The assignee's data source access: DIRECT, and with `inherited` GROUP. */
export function dataSourceAccess(
  state: OrganizationState,
  assignee: Assignee,
  options: { readonly inherited: boolean },
): DataSourceAccess[] {
  const groups = options.inherited
    ? inheritedGroups(state, assignee).map((id): Assignee => ({ id, type: 'userGroup' }))
    : []
  return state.sortedDataSources().flatMap((dataSource) => {
    const direct = namesFor(dataSource.permissions, [assignee])
    const fromGroups = namesFor(dataSource.permissions, groups)
    const found: DataSourceAccess[] = [
      { id: dataSource.id, source: 'DIRECT', permissions: sortPermissions(direct, DATA_SOURCE_PERMISSIONS) },
      { id: dataSource.id, source: 'GROUP', permissions: sortPermissions(fromGroups, DATA_SOURCE_PERMISSIONS) },
    ]
    return found.filter((access) => access.permissions.length > 0)
  })
}

/** What the calling user may do in a workspace (meta.permissions): everything for an organization admin. */
export function callerWorkspacePermissions(
  state: OrganizationState,
  user: string,
  workspaceId: string,
): WorkspacePermission[] {
  if (isOrganizationAdmin(state, { id: user, type: 'user' })) return [...WORKSPACE_PERMISSIONS]
  const here = workspaceAccess(state, { id: user, type: 'user' }, { inherited: true }).filter(
    (a) => a.id === workspaceId,
  )
  // Hierarchy permissions given on this workspace apply to it as well as below it.
  const names = here.flatMap((access) => [...access.permissions, ...access.hierarchyPermissions])
  return sortPermissions(names, WORKSPACE_PERMISSIONS)
}

/** What the calling user may do with a data source (meta.permissions): everything for an organization admin. */
export function callerDataSourcePermissions(
  state: OrganizationState,
  user: string,
  dataSourceId: string,
): DataSourcePermission[] {
  if (isOrganizationAdmin(state, { id: user, type: 'user' })) return [...DATA_SOURCE_PERMISSIONS]
  const here = dataSourceAccess(state, { id: user, type: 'user' }, { inherited: true }).filter(
    (a) => a.id === dataSourceId,
  )
  return sortPermissions(
    here.flatMap((access) => access.permissions),
    DATA_SOURCE_PERMISSIONS,
  )
}
