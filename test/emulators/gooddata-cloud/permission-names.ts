/** Workspace permissions, in the order of the API description's enum (DeclarativeSingleWorkspacePermission.name). */
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

/** Data source permissions (DeclarativeDataSourcePermission.name). */
export const DATA_SOURCE_PERMISSIONS = ['MANAGE', 'USE'] as const

export type WorkspacePermission = (typeof WORKSPACE_PERMISSIONS)[number]
export type DataSourcePermission = (typeof DATA_SOURCE_PERMISSIONS)[number]

/** Who a permission is given to (AssigneeIdentifier). */
export interface Assignee {
  readonly id: string
  readonly type: 'user' | 'userGroup'
}

/** One permission given to one assignee, as the declarative layouts write it. */
export interface Grant<Name extends string> {
  readonly assignee: Assignee
  readonly name: Name
}

export type WorkspaceGrant = Grant<WorkspacePermission>
export type DataSourceGrant = Grant<DataSourcePermission>

/** Whether two assignees are the same user or group. */
export function isSameAssignee(a: Assignee, b: Assignee): boolean {
  return a.id === b.id && a.type === b.type
}

/** Permission names in the enum's order, each once: answers do not depend on the order they were sent in. */
export function sortPermissions<Name extends string>(names: Iterable<Name>, order: readonly Name[]): Name[] {
  const given = new Set(names)
  return order.filter((name) => given.has(name))
}

/** Grants in a stable order: by assignee type, assignee id, then the enum's order. */
export function sortGrants<Name extends string>(grants: readonly Grant<Name>[], order: readonly Name[]): Grant<Name>[] {
  const rank = (name: Name) => order.indexOf(name)
  return [...grants].sort(
    (a, b) =>
      compareText(a.assignee.type, b.assignee.type) ||
      compareText(a.assignee.id, b.assignee.id) ||
      rank(a.name) - rank(b.name),
  )
}

/** Code-unit order, as the server's id order (list_users.yaml). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
