import type { DataSourceAssignment, TargetAssignments, WorkspaceAssignment } from './permission-bodies.js'
import type { OrganizationState } from './organization-state.js'
import { isSameAssignee, type Assignee, type Grant } from './permission-names.js'
import { RequestRejected } from './problem-answers.js'

/** Throws 400 naming the first assignee the organization does not have. */
export function requireAssignees(state: OrganizationState, assignees: readonly Assignee[]): void {
  const missing = assignees.find((assignee) => !state.hasAssignee(assignee))
  if (missing) throw new RequestRejected(400, `Assignee "${missing.type}" with id "${missing.id}" does not exist.`)
}

/** Throws 400 naming the first workspace or data source of a body the organization does not have. */
export function requireTargets(state: OrganizationState, targets: TargetAssignments): void {
  const workspace = targets.workspaces.find(({ id }) => !state.workspaces.has(id))
  if (workspace) throw new RequestRejected(400, `Workspace "${workspace.id}" does not exist.`)
  const dataSource = targets.dataSources.find(({ id }) => !state.dataSources.has(id))
  if (dataSource) throw new RequestRejected(400, `Data source "${dataSource.id}" does not exist.`)
}

/** Makes the assignee's permissions on one workspace exactly these (empty lists take them away). */
export function setWorkspaceAssignment(state: OrganizationState, workspaceId: string, assignment: WorkspaceAssignment) {
  const workspace = state.workspaces.get(workspaceId)!
  const { assignee } = assignment
  workspace.permissions = [...others(workspace.permissions, assignee), ...grants(assignee, assignment.permissions)]
  workspace.hierarchyPermissions = [
    ...others(workspace.hierarchyPermissions, assignee),
    ...grants(assignee, assignment.hierarchyPermissions),
  ]
}

/** Makes the assignee's permissions on one data source exactly these. */
export function setDataSourceAssignment(
  state: OrganizationState,
  dataSourceId: string,
  assignment: DataSourceAssignment,
) {
  const dataSource = state.dataSources.get(dataSourceId)!
  const { assignee } = assignment
  dataSource.permissions = [...others(dataSource.permissions, assignee), ...grants(assignee, assignment.permissions)]
}

/** Gives each assignee these permissions on each listed workspace and data source, in place of what it had there. */
export function assignTargets(state: OrganizationState, assignee: Assignee, targets: TargetAssignments): void {
  const { workspaces, dataSources } = merged(targets)
  for (const { id, permissions, hierarchyPermissions } of workspaces)
    setWorkspaceAssignment(state, id, { assignee, permissions, hierarchyPermissions })
  for (const { id, permissions } of dataSources) setDataSourceAssignment(state, id, { assignee, permissions })
}

/** The assignee's whole assignment becomes `targets`: what is not listed is taken away. */
export function replaceAssignment(state: OrganizationState, assignee: Assignee, targets: TargetAssignments): void {
  for (const workspace of state.workspaces.values()) {
    setWorkspaceAssignment(state, workspace.id, { assignee, permissions: [], hierarchyPermissions: [] })
  }
  for (const dataSource of state.dataSources.values())
    setDataSourceAssignment(state, dataSource.id, { assignee, permissions: [] })
  assignTargets(state, assignee, targets)
}

/** Takes the listed permissions away from the assignee on each listed workspace and data source. */
export function revokeTargets(state: OrganizationState, assignee: Assignee, targets: TargetAssignments): void {
  const without = <Name extends string>(list: Grant<Name>[], names: readonly Name[]) =>
    list.filter((grant) => !isSameAssignee(grant.assignee, assignee) || !names.includes(grant.name))
  for (const { id, permissions, hierarchyPermissions } of targets.workspaces) {
    const workspace = state.workspaces.get(id)!
    workspace.permissions = without(workspace.permissions, permissions)
    workspace.hierarchyPermissions = without(workspace.hierarchyPermissions, hierarchyPermissions)
  }
  for (const { id, permissions } of targets.dataSources) {
    const dataSource = state.dataSources.get(id)!
    dataSource.permissions = without(dataSource.permissions, permissions)
  }
}

/** A body naming a workspace twice gives the union of what it lists. */
function merged(targets: TargetAssignments): TargetAssignments {
  const workspaces = new Map<string, TargetAssignments['workspaces'][number]>()
  for (const entry of targets.workspaces) {
    const seen = workspaces.get(entry.id)
    workspaces.set(entry.id, {
      id: entry.id,
      permissions: [...new Set([...(seen?.permissions ?? []), ...entry.permissions])],
      hierarchyPermissions: [...new Set([...(seen?.hierarchyPermissions ?? []), ...entry.hierarchyPermissions])],
    })
  }
  const dataSources = new Map<string, TargetAssignments['dataSources'][number]>()
  for (const entry of targets.dataSources) {
    const seen = dataSources.get(entry.id)
    dataSources.set(entry.id, {
      id: entry.id,
      permissions: [...new Set([...(seen?.permissions ?? []), ...entry.permissions])],
    })
  }
  return { workspaces: [...workspaces.values()], dataSources: [...dataSources.values()] }
}

function others<Name extends string>(list: readonly Grant<Name>[], assignee: Assignee): Grant<Name>[] {
  return list.filter((grant) => !isSameAssignee(grant.assignee, assignee))
}

function grants<Name extends string>(assignee: Assignee, names: readonly Name[]): Grant<Name>[] {
  return [...new Set(names)].map((name) => ({ assignee, name }))
}
