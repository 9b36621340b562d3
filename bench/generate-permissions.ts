import type { StoredDataSource } from '../test/emulators/gooddata-cloud/data-source-records.js'
import type { Assignee } from '../test/emulators/gooddata-cloud/permission-names.js'
import type { StoredWorkspace } from '../test/emulators/gooddata-cloud/workspace-records.js'

/** Workspaces and data sources with grants to groups, and the config lines of each group that declares them. */
export interface GeneratedPermissions {
  readonly workspaces: StoredWorkspace[]
  readonly dataSources: StoredDataSource[]
  /** YAML lines to add under a group, by group id; a group not here declares no permissions and holds none. */
  readonly declared: ReadonlyMap<string, string>
}

/**
 * N/100 workspaces in a tree (workspace i under (i - 1) / 10, depth 4 at 100,000 users) and N/1,000
 * data sources (at least 2). Every tenth group holds ANALYZE and EXPORT on one workspace, VIEW on the
 * hierarchy above it, and USE on one data source, and the config declares exactly that.
 */
export function generatePermissions(groupIds: readonly string[], users: number): GeneratedPermissions {
  const workspaceCount = Math.max(10, Math.floor(users / 100))
  const dataSourceCount = Math.max(2, Math.floor(users / 1_000))
  const workspaceId = (i: number) => `ws-${String(i).padStart(6, '0')}`
  const dataSourceId = (i: number) => `ds-${String(i).padStart(4, '0')}`
  const workspaces: StoredWorkspace[] = Array.from({ length: workspaceCount }, (_, i) => ({
    id: workspaceId(i),
    attributes: { name: `Workspace ${i}` },
    ...(i > 0 ? { parent: workspaceId(Math.floor((i - 1) / 10)) } : {}),
    permissions: [],
    hierarchyPermissions: [],
  }))
  const dataSources: StoredDataSource[] = Array.from({ length: dataSourceCount }, (_, i) => ({
    id: dataSourceId(i),
    attributes: { name: `Warehouse ${i}`, type: 'POSTGRESQL', schema: 'public' },
    permissions: [],
  }))
  const declared = new Map<string, string>()
  for (let i = 0; i < groupIds.length; i += 10) {
    const n = i / 10
    const assignee: Assignee = { id: groupIds[i]!, type: 'userGroup' }
    const direct = workspaces[n % workspaceCount]!
    const above = workspaces[Math.floor(n / 10) % workspaceCount]!
    const dataSource = dataSources[n % dataSourceCount]!
    direct.permissions.push({ assignee, name: 'ANALYZE' }, { assignee, name: 'EXPORT' })
    above.hierarchyPermissions.push({ assignee, name: 'VIEW' })
    dataSource.permissions.push({ assignee, name: 'USE' })
    const onWorkspaces =
      direct === above
        ? [`      ${direct.id}: { permissions: [ANALYZE, EXPORT], hierarchy: [VIEW] }`]
        : [`      ${direct.id}: [ANALYZE, EXPORT]`, `      ${above.id}: { hierarchy: [VIEW] }`]
    const lines = ['    workspace_permissions:', ...onWorkspaces, '    data_source_permissions:']
    declared.set(assignee.id, `${[...lines, `      ${dataSource.id}: [USE]`].join('\n')}\n`)
  }
  return { workspaces, dataSources, declared }
}
