import {
  normaliseScopedPermissions,
  type PermissionScopes,
  type ScopedPermissions,
} from '../../../core/model/scoped-permissions.js'
import type { HttpClient } from '../../http/http-client.js'
import { readTogether } from '../../http/read-together.js'
import { getChecked } from './get-checked.js'
import { layoutProblem, readWorkspaces, type Assignment } from './workspace-layouts.js'

/** Every user's and group's permissions on workspaces and data sources, and what there is to grant on. */
export interface PermissionsRead {
  readonly scopes: PermissionScopes
  readonly users: ReadonlyMap<string, ScopedPermissions>
  readonly userGroups: ReadonlyMap<string, ScopedPermissions>
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
      (inner: AbortSignal) => readWorkspaces(client, inner),
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
