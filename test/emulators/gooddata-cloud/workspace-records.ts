import type { WorkspaceGrant } from './permission-names.js'

/** A workspace's attributes as stored; absent means unset (null in a write clears). */
export interface WorkspaceAttributes {
  name?: string
  description?: string
  earlyAccess?: string
  earlyAccessValues?: string[]
  prefix?: string
  cacheExtraLimit?: number
  dataSource?: { id: string; schemaPath?: string[] }
}

/**
 * A workspace as the emulated server stores it. `permissions` apply to the workspace itself;
 * `hierarchyPermissions` to it and every workspace below it (manageWorkspacePermissions).
 */
export interface StoredWorkspace {
  id: string
  attributes: WorkspaceAttributes
  parent?: string
  permissions: WorkspaceGrant[]
  hierarchyPermissions: WorkspaceGrant[]
}

/** A workspace in a seed: the grants may be left out. */
export type WorkspaceSeed = Omit<StoredWorkspace, 'permissions' | 'hierarchyPermissions'> &
  Partial<Pick<StoredWorkspace, 'permissions' | 'hierarchyPermissions'>>

/** The workspace and every workspace it is an ancestor of, nearest first after itself. */
export function workspaceAndDescendants(workspaces: ReadonlyMap<string, StoredWorkspace>, id: string): string[] {
  const found = [id]
  for (let index = 0; index < found.length; index++) {
    for (const workspace of workspaces.values()) if (workspace.parent === found[index]) found.push(workspace.id)
  }
  return found
}

/** The workspace's ancestors, its parent first. */
export function workspaceAncestors(workspaces: ReadonlyMap<string, StoredWorkspace>, id: string): string[] {
  const ancestors: string[] = []
  let parent = workspaces.get(id)?.parent
  while (parent !== undefined && !ancestors.includes(parent)) {
    ancestors.push(parent)
    parent = workspaces.get(parent)?.parent
  }
  return ancestors
}
