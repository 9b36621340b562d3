import { ID_PATTERN } from './attribute-rules.js'
import {
  DATA_SOURCE_PERMISSIONS,
  WORKSPACE_PERMISSIONS,
  type Assignee,
  type DataSourceGrant,
  type DataSourcePermission,
  type Grant,
  type WorkspacePermission,
} from './permission-names.js'
import { RequestRejected } from './problem-answers.js'

/** One assignee's permissions on one workspace, as the actions send them. */
export interface WorkspaceAssignment {
  readonly assignee: Assignee
  readonly permissions: WorkspacePermission[]
  readonly hierarchyPermissions: WorkspacePermission[]
}

/** One assignee's permissions on one data source, as the actions send them. */
export interface DataSourceAssignment {
  readonly assignee: Assignee
  readonly permissions: DataSourcePermission[]
}

/** The workspaces and data sources of a userManagement body, by id; `name` and `accessSource` are read-only. */
export interface TargetAssignments {
  readonly workspaces: { id: string; permissions: WorkspacePermission[]; hierarchyPermissions: WorkspacePermission[] }[]
  readonly dataSources: { id: string; permissions: DataSourcePermission[] }[]
}

/** DeclarativeWorkspacePermissions: both lists may be left out. */
export function readWorkspacePermissionsLayout(body: unknown) {
  const layout = object(body, 'the body')
  const grants = (key: string) =>
    uniqueGrants(
      list(layout[key], key, { required: false }).map((item, index) =>
        grant(item, `${key}[${index}]`, WORKSPACE_PERMISSIONS),
      ),
    )
  return { permissions: grants('permissions'), hierarchyPermissions: grants('hierarchyPermissions') }
}

/** DeclarativeDataSourcePermissions. */
export function readDataSourcePermissionsLayout(body: unknown): DataSourceGrant[] {
  const layout = object(body, 'the body')
  return uniqueGrants(
    list(layout['permissions'], 'permissions', { required: false }).map((item, index) =>
      grant(item, `permissions[${index}]`, DATA_SOURCE_PERMISSIONS),
    ),
  )
}

/** manageWorkspacePermissions: an array of WorkspacePermissionAssignment. */
export function readWorkspaceAssignments(body: unknown): WorkspaceAssignment[] {
  return list(body, 'the body', { required: true }).map((item, index) => {
    const at = `[${index}]`
    const assignment = object(item, at)
    return {
      assignee: assignee(assignment['assigneeIdentifier'], `${at}.assigneeIdentifier`),
      permissions: names(assignment['permissions'], `${at}.permissions`, WORKSPACE_PERMISSIONS, false),
      hierarchyPermissions: names(
        assignment['hierarchyPermissions'],
        `${at}.hierarchyPermissions`,
        WORKSPACE_PERMISSIONS,
        false,
      ),
    }
  })
}

/** manageDataSourcePermissions: an array of DataSourcePermissionAssignment (permissions required). */
export function readDataSourceAssignments(body: unknown): DataSourceAssignment[] {
  return list(body, 'the body', { required: true }).map((item, index) => {
    const assignment = object(item, `[${index}]`)
    return {
      assignee: assignee(assignment['assigneeIdentifier'], `[${index}].assigneeIdentifier`),
      permissions: names(assignment['permissions'], `[${index}].permissions`, DATA_SOURCE_PERMISSIONS, true),
    }
  })
}

/** UserManagementPermissionAssignments: `workspaces` and `dataSources` both required. */
export function readTargetAssignments(body: unknown, options: { readonly required: boolean }): TargetAssignments {
  const assignments = object(body, 'the body')
  const workspaces = list(assignments['workspaces'], 'workspaces', options).map((item, index) => {
    const at = `workspaces[${index}]`
    const workspace = object(item, at)
    return {
      id: id(workspace['id'], `${at}.id`),
      permissions: names(workspace['permissions'], `${at}.permissions`, WORKSPACE_PERMISSIONS, true),
      hierarchyPermissions: names(
        workspace['hierarchyPermissions'],
        `${at}.hierarchyPermissions`,
        WORKSPACE_PERMISSIONS,
        true,
      ),
    }
  })
  const dataSources = list(assignments['dataSources'], 'dataSources', options).map((item, index) => {
    const dataSource = object(item, `dataSources[${index}]`)
    return {
      id: id(dataSource['id'], `dataSources[${index}].id`),
      permissions: names(dataSource['permissions'], `dataSources[${index}].permissions`, DATA_SOURCE_PERMISSIONS, true),
    }
  })
  return { workspaces, dataSources }
}

/** PermissionsAssignment: at least one assignee; `workspaces` and `dataSources` may be left out. */
export function readPermissionsAssignment(body: unknown): TargetAssignments & { readonly assignees: Assignee[] } {
  const assignees = list(object(body, 'the body')['assignees'], 'assignees', { required: true })
  if (assignees.length === 0) throw new RequestRejected(400, '"assignees" must name at least one user or group.')
  return {
    assignees: assignees.map((item, index) => assignee(item, `assignees[${index}]`)),
    ...readTargetAssignments(body, { required: false }),
  }
}

/** Grants each once: a layout listing a grant twice gives it once. */
function uniqueGrants<Name extends string>(grants: Grant<Name>[]): Grant<Name>[] {
  const seen = new Set<string>()
  return grants.filter((each) => {
    const key = `${each.assignee.type}/${each.assignee.id}/${each.name}`
    return !seen.has(key) && seen.add(key) !== undefined
  })
}

function grant<Name extends string>(item: unknown, at: string, order: readonly Name[]) {
  const value = object(item, at)
  return { assignee: assignee(value['assignee'], `${at}.assignee`), name: name(value['name'], `${at}.name`, order) }
}

function assignee(value: unknown, at: string): Assignee {
  const found = object(value, at)
  const type = found['type']
  if (type !== 'user' && type !== 'userGroup') throw new RequestRejected(400, `"${at}.type" must be user or userGroup.`)
  return { id: id(found['id'], `${at}.id`), type }
}

function id(value: unknown, at: string): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value
  throw new RequestRejected(400, `"${at}" must be an id matching ${ID_PATTERN.source}.`)
}

function names<Name extends string>(value: unknown, at: string, order: readonly Name[], required: boolean): Name[] {
  return [...new Set(list(value, at, { required }).map((item, index) => name(item, `${at}[${index}]`, order)))]
}

function name<Name extends string>(value: unknown, at: string, order: readonly Name[]): Name {
  if (order.includes(value as Name)) return value as Name
  throw new RequestRejected(400, `"${at}" must be one of ${order.join(', ')}, not ${JSON.stringify(value)}.`)
}

function list(value: unknown, at: string, { required }: { readonly required: boolean }): unknown[] {
  if (value === undefined && !required) return []
  if (Array.isArray(value)) return value
  throw new RequestRejected(400, `${at === 'the body' ? 'The body' : `"${at}"`} must be an array.`)
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  throw new RequestRejected(400, `${at === 'the body' ? 'The body' : `"${at}"`} must be an object.`)
}
