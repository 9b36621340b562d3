import type { RouteAnswer } from '../shared/route-answer.js'
import { publicDataSourceAttributes, type StoredDataSource } from './data-source-records.js'
import type { OrganizationState } from './organization-state.js'
import { readDataSourcePermissionsLayout, readWorkspacePermissionsLayout } from './permission-bodies.js'
import { DATA_SOURCE_PERMISSIONS, sortGrants, WORKSPACE_PERMISSIONS } from './permission-names.js'
import { requireAssignees } from './permission-writes.js'
import { answerRejections, notFound, RequestRejected } from './problem-answers.js'
import type { StoredWorkspace } from './workspace-records.js'

/**
 * An empty model: the emulator keeps no LDM or analytics, and DeclarativeWorkspaceModel requires
 * nothing, so every list is there and empty, as for a workspace nothing was built in yet.
 */
const EMPTY_MODEL = {
  analytics: {
    analyticalDashboardExtensions: [],
    analyticalDashboards: [],
    attributeHierarchies: [],
    dashboardPlugins: [],
    exportDefinitions: [],
    filterContexts: [],
    metrics: [],
    visualizationObjects: [],
  },
  ldm: { datasetExtensions: [], datasets: [], dateInstances: [] },
}

/** The declarative layouts of workspaces and data sources, and their permission layouts (application/json). */
export class PermissionLayoutRoutes {
  constructor(private readonly state: OrganizationState) {}

  /** DeclarativeWorkspaces: every workspace with its parent and grants; `exclude` takes only ACTIVITY_INFO. */
  workspaces(query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const excluded = query.getAll('exclude').flatMap((value) => value.split(','))
      const unknown = excluded.find((value) => value !== 'ACTIVITY_INFO')
      if (unknown !== undefined)
        throw new RequestRejected(400, `Invalid value "${unknown}" of parameter "exclude"; allowed: ACTIVITY_INFO.`)
      const workspaces = this.state.sortedWorkspaces().map((workspace) => declarativeWorkspace(workspace))
      return { status: 200, body: { workspaceDataFilters: [], workspaces } }
    })
  }

  /** DeclarativeDataSources, never with a secret. */
  dataSources(): RouteAnswer {
    return { status: 200, body: { dataSources: this.state.sortedDataSources().map(declarativeDataSource) } }
  }

  workspacePermissions(id: string): RouteAnswer {
    const workspace = this.state.workspaces.get(id)
    if (!workspace) return notFound()
    const { permissions, hierarchyPermissions } = declarativeWorkspace(workspace)
    return { status: 200, body: { hierarchyPermissions, permissions } }
  }

  /** setWorkspacePermissions: the workspace's grants become exactly the body's. */
  setWorkspacePermissions(id: string, body: unknown): RouteAnswer {
    return answerRejections(() => {
      const workspace = this.state.workspaces.get(id)
      if (!workspace) return notFound()
      const layout = readWorkspacePermissionsLayout(body)
      requireAssignees(
        this.state,
        [...layout.permissions, ...layout.hierarchyPermissions].map((g) => g.assignee),
      )
      workspace.permissions = layout.permissions
      workspace.hierarchyPermissions = layout.hierarchyPermissions
      return { status: 204 }
    })
  }

  dataSourcePermissions(id: string): RouteAnswer {
    const dataSource = this.state.dataSources.get(id)
    if (!dataSource) return notFound()
    return { status: 200, body: { permissions: sortGrants(dataSource.permissions, DATA_SOURCE_PERMISSIONS) } }
  }

  /** setDataSourcePermissions: the data source's grants become exactly the body's. */
  setDataSourcePermissions(id: string, body: unknown): RouteAnswer {
    return answerRejections(() => {
      const dataSource = this.state.dataSources.get(id)
      if (!dataSource) return notFound()
      const permissions = readDataSourcePermissionsLayout(body)
      requireAssignees(
        this.state,
        permissions.map((grant) => grant.assignee),
      )
      dataSource.permissions = permissions
      return { status: 204 }
    })
  }
}

function declarativeWorkspace(workspace: StoredWorkspace) {
  const { name, ...attributes } = workspace.attributes
  return {
    ...attributes,
    customApplicationSettings: [],
    hierarchyPermissions: sortGrants(workspace.hierarchyPermissions, WORKSPACE_PERMISSIONS),
    id: workspace.id,
    model: EMPTY_MODEL,
    // DeclarativeWorkspace requires a name; the entity may have none, so the id stands in.
    name: name ?? workspace.id,
    ...(workspace.parent === undefined ? {} : { parent: { id: workspace.parent, type: 'workspace' } }),
    permissions: sortGrants(workspace.permissions, WORKSPACE_PERMISSIONS),
    settings: [],
    userDataFilters: [],
  }
}

function declarativeDataSource(dataSource: StoredDataSource) {
  return {
    ...publicDataSourceAttributes(dataSource.attributes),
    id: dataSource.id,
    permissions: sortGrants(dataSource.permissions, DATA_SOURCE_PERMISSIONS),
  }
}
