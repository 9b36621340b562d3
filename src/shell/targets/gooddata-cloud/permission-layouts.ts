import {
  normaliseScopedPermissions,
  type PermissionScopes,
  type ScopedPermissions,
} from '../../../core/model/scoped-permissions.js'
import type { HttpClient } from '../../http/http-client.js'
import { readTogether } from '../../http/read-together.js'
import { getChecked } from './get-checked.js'
import { bodyProblem, isObject, notA } from './wire.js'

/** Every user's and group's permissions on workspaces and data sources, and what there is to grant on. */
export interface PermissionsRead {
  readonly scopes: PermissionScopes
  readonly users: ReadonlyMap<string, ScopedPermissions>
  readonly userGroups: ReadonlyMap<string, ScopedPermissions>
}

interface Assignment {
  readonly assignee: { readonly id: string; readonly type: string }
  readonly name: string
}

interface WorkspaceLayout {
  readonly id: string
  readonly name?: string
  readonly parent?: { readonly id: string }
  readonly permissions?: readonly Assignment[]
  readonly hierarchyPermissions?: readonly Assignment[]
}

interface DataSourceLayout {
  readonly id: string
  readonly name?: string
  readonly permissions?: readonly Assignment[]
}

/**
 * Two requests, whatever the organization's size: the workspaces layout carries every workspace
 * with its parent and its user and group assignments, and the data sources layout likewise. The
 * paged userManagement lists would take a request per page of users and groups.
 */
export async function readPermissionLayouts(client: HttpClient, signal: AbortSignal): Promise<PermissionsRead> {
  const [workspaces, dataSources] = await readTogether(
    [
      (inner: AbortSignal) =>
        getChecked<{ workspaces: WorkspaceLayout[] }>(
          client,
          { path: '/api/v1/layout/workspaces', query: { exclude: 'ACTIVITY_INFO' }, signal: inner },
          (body) => layoutProblem(body, 'workspaces', ['permissions', 'hierarchyPermissions']),
        ),
      (inner: AbortSignal) =>
        getChecked<{ dataSources: DataSourceLayout[] }>(
          client,
          { path: '/api/v1/layout/dataSources', signal: inner },
          (body) => layoutProblem(body, 'dataSources', ['permissions']),
        ),
    ],
    signal,
  )
  const holders = { user: new Map<string, Holding>(), userGroup: new Map<string, Holding>() }
  const holding = (assignee: Assignment['assignee']): Holding | undefined => {
    // Only the two kinds the API has; any other type (a hostile "constructor") holds nothing here.
    if (assignee.type !== 'user' && assignee.type !== 'userGroup') return undefined
    const byKind = holders[assignee.type]
    let held = byKind.get(assignee.id)
    if (!held) {
      held = { workspaces: new Map(), dataSources: new Map() }
      byKind.set(assignee.id, held)
    }
    return held
  }
  for (const workspace of workspaces.workspaces) {
    for (const [list, key] of [
      [workspace.permissions, 'permissions'],
      [workspace.hierarchyPermissions, 'hierarchy'],
    ] as const) {
      for (const { assignee, name } of list ?? []) {
        const held = holding(assignee)?.workspaces
        if (!held) continue
        const entry = held.get(workspace.id) ?? { permissions: [], hierarchy: [] }
        entry[key].push(name)
        held.set(workspace.id, entry)
      }
    }
  }
  for (const dataSource of dataSources.dataSources) {
    for (const { assignee, name } of dataSource.permissions ?? []) {
      const held = holding(assignee)?.dataSources
      if (!held) continue
      held.set(dataSource.id, [...(held.get(dataSource.id) ?? []), name])
    }
  }
  const settle = (byKind: Map<string, Holding>) =>
    new Map([...byKind].map(([id, held]) => [id, settled(held)] as const))
  return {
    scopes: {
      workspaces: workspaces.workspaces.map(({ id, name, parent }) => ({
        id,
        ...(typeof name === 'string' ? { name } : {}),
        ...(parent ? { parent: parent.id } : {}),
      })),
      dataSources: dataSources.dataSources.map(({ id, name }) => ({
        id,
        ...(typeof name === 'string' ? { name } : {}),
      })),
    },
    users: settle(holders.user),
    userGroups: settle(holders.userGroup),
  }
}

interface Holding {
  readonly workspaces: Map<string, { permissions: string[]; hierarchy: string[] }>
  readonly dataSources: Map<string, string[]>
}

function settled(held: Holding): ScopedPermissions {
  return normaliseScopedPermissions({
    workspaces: [...held.workspaces].map(([id, entry]) => ({ id, ...entry })),
    dataSources: [...held.dataSources].map(([id, permissions]) => ({ id, permissions })),
  })
}

/** The body of a user's or group's permissions, set whole (POST …/users/{id}/permissions). */
export function permissionsDocument(held: ScopedPermissions) {
  return {
    workspaces: held.workspaces.map(({ id, permissions, hierarchy }) => ({
      id,
      permissions,
      hierarchyPermissions: hierarchy,
    })),
    dataSources: held.dataSources.map(({ id, permissions }) => ({ id, permissions })),
  }
}

/** GoodData's permission names: capitals, digits and _; anything else is not one, whatever a server says. */
const PERMISSION_NAME = /^[A-Z][A-Z0-9_]{0,63}$/

/** What is wrong with a layout's list of workspaces or data sources, or undefined; never quotes the server's text. */
function layoutProblem(body: unknown, list: string, assignmentLists: readonly string[]): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  const items = body[list]
  if (!Array.isArray(items)) return notA(list, 'a list', items)
  for (const [index, item] of items.entries()) {
    const at = `${list}[${index}]`
    if (!isObject(item)) return notA(at, 'an object', item)
    if (typeof item['id'] !== 'string' || item['id'] === '') return notA(`${at}.id`, 'a non-empty string', item['id'])
    const parent = item['parent']
    if (parent !== undefined && parent !== null && (!isObject(parent) || typeof parent['id'] !== 'string'))
      return notA(`${at}.parent.id`, 'a string', isObject(parent) ? parent['id'] : parent)
    for (const key of assignmentLists) {
      const assignments = item[key]
      if (assignments === undefined) continue
      if (!Array.isArray(assignments)) return notA(`${at}.${key}`, 'a list', assignments)
      for (const [n, assignment] of assignments.entries()) {
        const where = `${at}.${key}[${n}]`
        if (!isObject(assignment)) return notA(where, 'an object', assignment)
        if (typeof assignment['name'] !== 'string' || !PERMISSION_NAME.test(assignment['name']))
          return notA(`${where}.name`, 'a permission name (capitals and _)', assignment['name'])
        const assignee = assignment['assignee']
        if (!isObject(assignee) || typeof assignee['id'] !== 'string' || typeof assignee['type'] !== 'string')
          return notA(`${where}.assignee`, 'an object with a string id and type', assignee)
      }
    }
  }
  return undefined
}
