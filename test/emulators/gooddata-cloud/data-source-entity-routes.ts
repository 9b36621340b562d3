import type { RouteAnswer } from '../shared/route-answer.js'
import type { DataSourceAttributes, StoredDataSource } from './data-source-records.js'
import { withoutNulls } from './entity-routes.js'
import { DATA_SOURCE_FIELDS } from './entity-fields.js'
import type { JsonApiDocuments } from './json-api-documents.js'
import { pageMeta, readListQuery, readMetaInclude, selectPage } from './list-query.js'
import type { OrganizationState } from './organization-state.js'
import { answerRejections, notFound, rejected } from './problem-answers.js'
import { compileRsqlFilter } from './rsql-filter.js'
import { readWriteBody } from './validate-write.js'
import type { WorkspaceDocuments } from './workspace-documents.js'
import type { EntityRequest } from './workspace-entity-routes.js'

const META_INCLUDE = ['permissions', 'page', 'all', 'ALL']
const ONE_META_INCLUDE = ['permissions', 'all', 'ALL']

/** The dataSources entity endpoints: list, get, create, replace, patch, delete; secrets are never answered. */
export class DataSourceEntityRoutes {
  constructor(
    private readonly state: OrganizationState,
    private readonly documents: JsonApiDocuments,
    private readonly resources: WorkspaceDocuments,
  ) {}

  list({ query, caller }: EntityRequest): RouteAnswer {
    return answerRejections(() => {
      const list = readListQuery(query, { fields: DATA_SOURCE_FIELDS, metaInclude: META_INCLUDE })
      const { total, slice } = selectPage(this.state.sortedDataSources(), list)
      const options = { withLinks: true, meta: list.meta, caller }
      const meta = pageMeta(list, total)
      return {
        status: 200,
        body: {
          data: slice.map((dataSource) => this.resources.dataSourceResource(dataSource, options)),
          links: this.documents.listLinks('dataSources', query, list.page),
          ...(Object.keys(meta).length > 0 ? { meta } : {}),
        },
      }
    })
  }

  get(id: string, request: EntityRequest): RouteAnswer {
    return answerRejections(() => {
      const keep = compileRsqlFilter(request.query.get('filter'), DATA_SOURCE_FIELDS)
      const dataSource = this.state.dataSources.get(id)
      if (!dataSource || !(keep?.(dataSource) ?? true)) return notFound()
      return this.answer(200, dataSource, request)
    })
  }

  write(method: 'POST' | 'PUT' | 'PATCH', pathId: string | undefined, body: unknown, request: EntityRequest) {
    return answerRejections(() => {
      readMetaInclude(request.query, ONE_META_INCLUDE)
      const input = readWriteBody('dataSource', body, { complete: method !== 'PATCH' })
      if (pathId !== undefined && input.id !== pathId)
        return rejected(400, `Id in the path "${pathId}" differs from "data.id" "${input.id}".`)
      const existing = this.state.dataSources.get(input.id)
      if (method === 'POST' && existing)
        return rejected(409, `Entity "${input.id}" of type "dataSources" already exists.`)
      if (method !== 'POST' && !existing) return notFound()
      const sent = input.attributes ?? {}
      const attributes = withoutNulls(method === 'PATCH' ? { ...existing!.attributes, ...sent } : sent)
      const stored: StoredDataSource = {
        id: input.id,
        attributes: attributes as DataSourceAttributes,
        permissions: existing?.permissions ?? [],
      }
      this.state.dataSources.set(input.id, stored)
      return this.answer(method === 'POST' ? 201 : 200, stored, request)
    })
  }

  /** A data source a workspace uses (attributes.dataSource) is not deleted from under it. */
  delete(id: string): RouteAnswer {
    if (!this.state.dataSources.has(id)) return notFound()
    const users = this.state.sortedWorkspaces().filter((workspace) => workspace.attributes.dataSource?.id === id)
    if (users.length > 0) {
      const ids = users.map((workspace) => workspace.id).join(', ')
      return rejected(409, `Data source "${id}" is used by workspaces (${ids}).`)
    }
    this.state.dataSources.delete(id)
    return { status: 204 }
  }

  private answer(status: 200 | 201, dataSource: StoredDataSource, { query, caller }: EntityRequest): RouteAnswer {
    const meta = readMetaInclude(query, ONE_META_INCLUDE)
    return {
      status,
      body: {
        data: this.resources.dataSourceResource(dataSource, { withLinks: false, meta, caller }),
        links: this.documents.selfLink(`/api/v1/entities/dataSources/${dataSource.id}`),
      },
    }
  }
}
