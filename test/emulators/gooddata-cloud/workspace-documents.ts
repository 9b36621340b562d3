import { callerDataSourcePermissions, callerWorkspacePermissions } from './assignee-access.js'
import { publicDataSourceAttributes, type StoredDataSource } from './data-source-records.js'
import type { OrganizationState } from './organization-state.js'
import type { StoredWorkspace } from './workspace-records.js'

/** How a workspace or data source resource is written: relationships, links.self, and which meta objects. */
export interface ResourceOptions {
  readonly include: boolean
  readonly withLinks: boolean
  readonly meta: ReadonlySet<string>
  /** The calling user, whose permissions meta.permissions lists. */
  readonly caller: string
}

/** Renders workspaces and data sources as JSON:API resources (JsonApiWorkspaceOut, JsonApiDataSourceOut). */
export class WorkspaceDocuments {
  constructor(
    private readonly origin: string,
    private readonly state: OrganizationState,
  ) {}

  workspaceResource(workspace: StoredWorkspace, options: ResourceOptions) {
    const meta = this.workspaceMeta(workspace, options)
    const { parent } = workspace
    return {
      attributes: { ...workspace.attributes },
      id: workspace.id,
      ...(options.withLinks ? { links: { self: `${this.origin}/api/v1/entities/workspaces/${workspace.id}` } } : {}),
      ...(Object.keys(meta).length > 0 ? { meta } : {}),
      // Like a group's parents: no relationships key when there is no parent.
      ...(options.include && parent !== undefined
        ? { relationships: { parent: { data: { id: parent, type: 'workspace' } } } }
        : {}),
      type: 'workspace',
    }
  }

  /** `included[]` of a workspace list: each parent once, in order of first reference. */
  includedParents(workspaces: readonly StoredWorkspace[], caller: string) {
    const ids = [
      ...new Set(workspaces.flatMap((workspace) => (workspace.parent === undefined ? [] : workspace.parent))),
    ]
    const options = { include: false, withLinks: true, meta: new Set<string>(), caller }
    return ids.flatMap((id) => {
      const parent = this.state.workspaces.get(id)
      return parent ? [this.workspaceResource(parent, options)] : []
    })
  }

  dataSourceResource(dataSource: StoredDataSource, options: Omit<ResourceOptions, 'include'>) {
    const permissions = options.meta.has('permissions')
      ? { meta: { permissions: callerDataSourcePermissions(this.state, options.caller, dataSource.id) } }
      : {}
    return {
      attributes: publicDataSourceAttributes(dataSource.attributes),
      id: dataSource.id,
      ...(options.withLinks ? { links: { self: `${this.origin}/api/v1/entities/dataSources/${dataSource.id}` } } : {}),
      ...permissions,
      type: 'dataSource',
    }
  }

  private workspaceMeta(workspace: StoredWorkspace, { meta, caller }: ResourceOptions) {
    const children = [...this.state.workspaces.values()].filter((each) => each.parent === workspace.id)
    return {
      // The emulator has no data source to ask, so none of these capabilities is available.
      ...(meta.has('config')
        ? {
            config: {
              approximateCountAvailable: false,
              dataSamplingAvailable: false,
              showAllValuesOnDatesAvailable: false,
            },
          }
        : {}),
      ...(meta.has('dataModelDatasets') ? { dataModel: { datasetCount: 0 } } : {}),
      ...(meta.has('hierarchy') ? { hierarchy: { childrenCount: children.length } } : {}),
      ...(meta.has('permissions') ? { permissions: callerWorkspacePermissions(this.state, caller, workspace.id) } : {}),
    }
  }
}
