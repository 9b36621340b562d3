import type { RouteAnswer } from '../shared/route-answer.js'
import { withoutNulls } from './entity-routes.js'
import { WORKSPACE_FIELDS } from './entity-fields.js'
import type { JsonApiDocuments } from './json-api-documents.js'
import { pageMeta, readInclude, readListQuery, readMetaInclude, selectPage } from './list-query.js'
import type { OrganizationState } from './organization-state.js'
import { answerRejections, notFound, rejected, RequestRejected } from './problem-answers.js'
import { compileRsqlFilter } from './rsql-filter.js'
import { readWriteBody } from './validate-write.js'
import type { WorkspaceDocuments } from './workspace-documents.js'
import { workspaceAncestors, type StoredWorkspace, type WorkspaceAttributes } from './workspace-records.js'

const INCLUDE = { relationship: 'parent', collection: 'workspaces' }
const META_INCLUDE = ['config', 'permissions', 'hierarchy', 'dataModelDatasets', 'page', 'all', 'ALL']
const ONE_META_INCLUDE = META_INCLUDE.filter((value) => value !== 'page')

/** A request to the workspaces endpoints: its query and the user whose token it carries. */
export interface EntityRequest {
  readonly query: URLSearchParams
  readonly caller: string
}

/** The workspaces entity endpoints: list, get, create, replace, patch, delete. */
export class WorkspaceEntityRoutes {
  constructor(
    private readonly state: OrganizationState,
    private readonly documents: JsonApiDocuments,
    private readonly resources: WorkspaceDocuments,
  ) {}

  list({ query, caller }: EntityRequest): RouteAnswer {
    return answerRejections(() => {
      const list = readListQuery(query, { fields: WORKSPACE_FIELDS, metaInclude: META_INCLUDE })
      const include = readInclude(query, INCLUDE)
      const { total, slice } = selectPage(this.state.sortedWorkspaces(), list)
      const options = { include, withLinks: true, meta: list.meta, caller }
      const meta = pageMeta(list, total)
      const included = include ? this.resources.includedParents(slice, caller) : []
      return {
        status: 200,
        body: {
          data: slice.map((workspace) => this.resources.workspaceResource(workspace, options)),
          ...(included.length > 0 ? { included } : {}),
          links: this.documents.listLinks('workspaces', query, list.page),
          ...(Object.keys(meta).length > 0 ? { meta } : {}),
        },
      }
    })
  }

  get(id: string, request: EntityRequest): RouteAnswer {
    return answerRejections(() => {
      const keep = compileRsqlFilter(request.query.get('filter'), WORKSPACE_FIELDS)
      const workspace = this.state.workspaces.get(id)
      if (!workspace || !(keep?.(workspace) ?? true)) return notFound()
      return this.answer(200, workspace, request)
    })
  }

  write(method: 'POST' | 'PUT' | 'PATCH', pathId: string | undefined, body: unknown, request: EntityRequest) {
    return answerRejections(() => {
      // The query is checked before anything is stored: a bad include= must not leave a half-done write.
      readInclude(request.query, INCLUDE)
      readMetaInclude(request.query, ONE_META_INCLUDE)
      const input = readWriteBody('workspace', body, { complete: method !== 'PATCH' })
      if (pathId !== undefined && input.id !== pathId)
        return rejected(400, `Id in the path "${pathId}" differs from "data.id" "${input.id}".`)
      const existing = this.state.workspaces.get(input.id)
      if (method === 'POST' && existing)
        return rejected(409, `Entity "${input.id}" of type "workspaces" already exists.`)
      if (method !== 'POST' && !existing) return notFound()
      const parent = input.links === undefined ? (method === 'PATCH' ? existing?.parent : undefined) : input.links[0]
      this.checkParent(input.id, parent)
      const sent = input.attributes as WorkspaceAttributes | undefined
      const attributes = withoutNulls(method === 'PATCH' ? { ...existing!.attributes, ...sent } : { ...sent })
      this.checkDataSource(attributes, parent)
      const stored: StoredWorkspace = {
        id: input.id,
        attributes,
        ...(parent === undefined ? {} : { parent }),
        permissions: existing?.permissions ?? [],
        hierarchyPermissions: existing?.hierarchyPermissions ?? [],
      }
      this.state.workspaces.set(input.id, stored)
      return this.answer(method === 'POST' ? 201 : 200, stored, request)
    })
  }

  /** Deleting a parent is refused while it has children: the description says nothing of a cascade. */
  delete(id: string): RouteAnswer {
    if (!this.state.workspaces.has(id)) return notFound()
    const children = this.state.sortedWorkspaces().filter((workspace) => workspace.parent === id)
    if (children.length > 0) {
      const ids = children.map((child) => child.id).join(', ')
      return rejected(409, `Workspace "${id}" has child workspaces (${ids}); delete them first.`)
    }
    this.state.workspaces.delete(id)
    return { status: 204 }
  }

  private answer(status: 200 | 201, workspace: StoredWorkspace, { query, caller }: EntityRequest) {
    const include = readInclude(query, INCLUDE)
    const meta = readMetaInclude(query, ONE_META_INCLUDE)
    const included = include ? this.resources.includedParents([workspace], caller) : []
    return {
      status,
      body: {
        data: this.resources.workspaceResource(workspace, { include, withLinks: false, meta, caller }),
        ...(included.length > 0 ? { included } : {}),
        links: this.documents.selfLink(`/api/v1/entities/workspaces/${workspace.id}`),
      },
    }
  }

  /** The parent must exist whatever X-GDC-VALIDATE-RELATIONS says: a child inherits its parent's model. */
  private checkParent(id: string, parent: string | undefined): void {
    if (parent === undefined) return
    if (!this.state.workspaces.has(parent))
      throw new RequestRejected(400, `Related entity "workspace" with id "${parent}" does not exist.`)
    if (parent === id || workspaceAncestors(this.state.workspaces, parent).includes(id))
      throw new RequestRejected(400, `Parent "${parent}" of workspace "${id}" would form a cycle.`)
  }

  /** attributes.dataSource: "Such data source cannot be defined for a single or a top-parent workspace." */
  private checkDataSource(attributes: WorkspaceAttributes, parent: string | undefined): void {
    const dataSource = attributes.dataSource as { id?: unknown; schemaPath?: unknown } | undefined
    if (dataSource === undefined) return
    const path = dataSource.schemaPath
    if (typeof dataSource.id !== 'string' || (path !== undefined && !isStringArray(path)))
      throw new RequestRejected(400, '"dataSource" must be {id, schemaPath?: string[]}.')
    if (parent === undefined)
      throw new RequestRejected(400, 'A data source cannot be defined for a single or a top-parent workspace.')
    if (!this.state.dataSources.has(dataSource.id))
      throw new RequestRejected(400, `Related entity "dataSource" with id "${dataSource.id}" does not exist.`)
  }
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
