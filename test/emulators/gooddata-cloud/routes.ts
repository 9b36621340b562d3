import type { IncomingHttpHeaders } from 'node:http'
import type { RouteAnswer } from '../shared/route-answer.js'
import type { DataSourceEntityRoutes } from './data-source-entity-routes.js'
import type { Collection, EntityRoutes } from './entity-routes.js'
import type { ManagePermissionsRoutes } from './manage-permissions-routes.js'
import type { OrganizationRoutes } from './organization-routes.js'
import type { PermissionLayoutRoutes } from './permission-layout-routes.js'
import { notFound } from './problem-answers.js'
import type { UserLayoutRoutes } from './user-layout-routes.js'
import type { UserManagementLists } from './user-management-lists.js'
import type { UserManagementPermissions } from './user-management-permissions.js'
import type { WorkspaceEntityRoutes } from './workspace-entity-routes.js'

/** Every group of routes the GoodData emulator answers. */
export interface GoodDataRoutes {
  readonly organization: OrganizationRoutes
  readonly entities: EntityRoutes
  readonly workspaces: WorkspaceEntityRoutes
  readonly dataSources: DataSourceEntityRoutes
  readonly permissionLayouts: PermissionLayoutRoutes
  readonly userLayouts: UserLayoutRoutes
  readonly managePermissions: ManagePermissionsRoutes
  readonly userManagementLists: UserManagementLists
  readonly userManagementPermissions: UserManagementPermissions
}

/** An authorised request: `user` is whose token it carries. */
export interface RoutedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  readonly body: unknown
  readonly user: string
}

type Handler = (request: RoutedRequest, ids: readonly string[]) => RouteAnswer
type Route = readonly [pattern: RegExp, handlers: Readonly<Partial<Record<string, Handler>>>]

const ID = '([^/]+)'
const path = (pattern: string) => new RegExp(`^/api/v1/${pattern.replaceAll('{id}', ID)}$`)

/** The router: each path pattern with its methods; a known path with another method answers 405. */
export function createRouter(routes: GoodDataRoutes): (request: RoutedRequest) => RouteAnswer {
  const table = routeTable(routes)
  return (request) => {
    for (const [pattern, handlers] of table) {
      const match = pattern.exec(request.url.pathname)
      if (!match) continue
      const handler = handlers[request.method]
      return handler ? handler(request, match.slice(1).map(decodeURIComponent)) : methodNotAllowed(request.method)
    }
    return notFound()
  }
}

function routeTable(routes: GoodDataRoutes): readonly Route[] {
  const { organization, entities, workspaces, dataSources, permissionLayouts, userLayouts } = routes
  const { managePermissions, userManagementLists, userManagementPermissions } = routes
  const entity = (request: RoutedRequest) => ({ query: request.url.searchParams, caller: request.user })
  const collection = (ids: readonly string[]) => ids[0] as Collection
  const writeOf = (method: 'POST' | 'PUT' | 'PATCH') => (request: RoutedRequest, ids: readonly string[]) =>
    entities.write(
      collection(ids),
      { method, query: request.url.searchParams, ...(ids[1] === undefined ? {} : { pathId: ids[1] }) },
      request.body,
      { validateRelations: validatesRelations(request.headers) },
    )
  const user = (id: string) => ({ id, type: 'user' }) as const
  const group = (id: string) => ({ id, type: 'userGroup' }) as const
  return [
    [path('profile'), { GET: (request) => organization.profile(request.user) }],
    [path('entities/organization'), { GET: () => organization.redirectToOrganization() }],
    [
      path('entities/admin/organizations/{id}'),
      { GET: (r, [id]) => organization.organization(id!, r.url.searchParams) },
    ],
    [
      path('entities/(users|userGroups)'),
      { GET: (r, ids) => entities.list(collection(ids), r.url.searchParams), POST: writeOf('POST') },
    ],
    [
      path('entities/(users|userGroups)/{id}'),
      {
        GET: (r, ids) => entities.get(collection(ids), ids[1]!, r.url.searchParams),
        PUT: writeOf('PUT'),
        PATCH: writeOf('PATCH'),
        DELETE: (_, ids) => entities.delete(collection(ids), ids[1]!),
      },
    ],
    [
      path('entities/workspaces'),
      { GET: (r) => workspaces.list(entity(r)), POST: (r) => workspaces.write('POST', undefined, r.body, entity(r)) },
    ],
    [
      path('entities/workspaces/{id}'),
      {
        GET: (r, [id]) => workspaces.get(id!, entity(r)),
        PUT: (r, [id]) => workspaces.write('PUT', id, r.body, entity(r)),
        PATCH: (r, [id]) => workspaces.write('PATCH', id, r.body, entity(r)),
        DELETE: (_, [id]) => workspaces.delete(id!),
      },
    ],
    [
      path('entities/dataSources'),
      { GET: (r) => dataSources.list(entity(r)), POST: (r) => dataSources.write('POST', undefined, r.body, entity(r)) },
    ],
    [
      path('entities/dataSources/{id}'),
      {
        GET: (r, [id]) => dataSources.get(id!, entity(r)),
        PUT: (r, [id]) => dataSources.write('PUT', id, r.body, entity(r)),
        PATCH: (r, [id]) => dataSources.write('PATCH', id, r.body, entity(r)),
        DELETE: (_, [id]) => dataSources.delete(id!),
      },
    ],
    [path('layout/workspaces'), { GET: (r) => permissionLayouts.workspaces(r.url.searchParams) }],
    [path('layout/dataSources'), { GET: () => permissionLayouts.dataSources() }],
    [
      path('layout/workspaces/{id}/permissions'),
      {
        GET: (_, [id]) => permissionLayouts.workspacePermissions(id!),
        PUT: (r, [id]) => permissionLayouts.setWorkspacePermissions(id!, r.body),
      },
    ],
    [
      path('layout/dataSources/{id}/permissions'),
      {
        GET: (_, [id]) => permissionLayouts.dataSourcePermissions(id!),
        PUT: (r, [id]) => permissionLayouts.setDataSourcePermissions(id!, r.body),
      },
    ],
    [path('layout/users'), { GET: () => userLayouts.users() }],
    [path('layout/userGroups'), { GET: () => userLayouts.userGroups() }],
    [path('layout/usersAndUserGroups'), { GET: () => userLayouts.usersAndUserGroups() }],
    [
      path('actions/workspaces/{id}/managePermissions'),
      { POST: (r, [id]) => managePermissions.workspace(id!, r.body) },
    ],
    [
      path('actions/dataSources/{id}/managePermissions'),
      { POST: (r, [id]) => managePermissions.dataSource(id!, r.body) },
    ],
    [path('actions/userManagement/users'), { GET: (r) => userManagementLists.users(r.url.searchParams) }],
    [path('actions/userManagement/userGroups'), { GET: (r) => userManagementLists.userGroups(r.url.searchParams) }],
    [
      path('actions/userManagement/users/{id}/permissions'),
      {
        GET: (r, [id]) => userManagementPermissions.list(user(id!), r.url.searchParams),
        POST: (r, [id]) => userManagementPermissions.set(user(id!), r.body),
      },
    ],
    [
      path('actions/userManagement/userGroups/{id}/permissions'),
      {
        GET: (r, [id]) => userManagementPermissions.list(group(id!), r.url.searchParams),
        POST: (r, [id]) => userManagementPermissions.set(group(id!), r.body),
      },
    ],
    [path('actions/userManagement/assignPermissions'), { POST: (r) => userManagementPermissions.assign(r.body) }],
    [path('actions/userManagement/revokePermissions'), { POST: (r) => userManagementPermissions.revoke(r.body) }],
  ]
}

/** X-GDC-VALIDATE-RELATIONS: true asks the server to check that related entities exist. */
function validatesRelations(headers: IncomingHttpHeaders): boolean {
  return String(headers['x-gdc-validate-relations'] ?? '').toLowerCase() === 'true'
}

function methodNotAllowed(method: string): RouteAnswer {
  return { status: 405, body: { detail: `Method ${method} is not allowed here.`, title: 'Method Not Allowed' } }
}
