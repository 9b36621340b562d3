import type { TargetApi } from '../shared/api-server.js'
import { echoedToken } from '../shared/hostile-answers.js'
import { seededRandom } from '../shared/seeded-random.js'
import { PLUMBING_ANSWERS, renderAnswer, traceHeaders } from './answer-format.js'
import { BearerTokens, sentBearerToken } from './bearer-auth.js'
import { DataSourceEntityRoutes } from './data-source-entity-routes.js'
import { EntityRoutes } from './entity-routes.js'
import { shapeHostileAnswer, type HostileAnswer } from './hostile-answers.js'
import { JsonApiDocuments } from './json-api-documents.js'
import { ManagePermissionsRoutes } from './manage-permissions-routes.js'
import { OrganizationRoutes } from './organization-routes.js'
import type { OrganizationState } from './organization-state.js'
import { PermissionLayoutRoutes } from './permission-layout-routes.js'
import { createRouter, type GoodDataRoutes } from './routes.js'
import { UserLayoutRoutes } from './user-layout-routes.js'
import { UserManagementLists } from './user-management-lists.js'
import { UserManagementPermissions } from './user-management-permissions.js'
import { WorkspaceDocuments } from './workspace-documents.js'
import { WorkspaceEntityRoutes } from './workspace-entity-routes.js'

/** What the GoodData API needs beyond the shared server's options. */
export interface GoodDataApiSettings {
  readonly origin: string
  readonly state: OrganizationState
  /** Each token with the user id it belongs to. */
  readonly tokens: Iterable<readonly [token: string, user: string]>
  readonly randomSeed?: number
  readonly omitPageMeta?: boolean
  readonly echoTokenInTraceId?: boolean
  /** Answer 404 to the users and groups layouts, as a GoodData.CN from before them does. */
  readonly withoutUserLayouts?: boolean
}

/** GoodData Cloud's side of the emulator: bearer auth, routes, trace ids and answer format. */
export function createGoodDataApi(settings: GoodDataApiSettings): TargetApi<HostileAnswer> {
  const { origin, state } = settings
  const documents = new JsonApiDocuments(origin, state)
  const resources = new WorkspaceDocuments(origin, state)
  const routes: GoodDataRoutes = {
    organization: new OrganizationRoutes(origin, state, documents),
    entities: new EntityRoutes(state, documents, { omitPageMeta: settings.omitPageMeta ?? false }),
    workspaces: new WorkspaceEntityRoutes(state, documents, resources),
    dataSources: new DataSourceEntityRoutes(state, documents, resources),
    permissionLayouts: new PermissionLayoutRoutes(state),
    userLayouts: new UserLayoutRoutes(state, !settings.withoutUserLayouts),
    managePermissions: new ManagePermissionsRoutes(state),
    userManagementLists: new UserManagementLists(state),
    userManagementPermissions: new UserManagementPermissions(state),
  }
  const route = createRouter(routes)
  const tokens = new BearerTokens(settings.tokens)
  const traceRandom = seededRandom((settings.randomSeed ?? 1) ^ 0x5eed)
  return {
    traceId: (request) => {
      const randomTraceId = Array.from({ length: 16 }, () => Math.floor(traceRandom() * 16).toString(16)).join('')
      return settings.echoTokenInTraceId ? echoedToken(sentBearerToken(request.headers)) : randomTraceId
    },
    authenticate: (request) => tokens.userOf(request.headers),
    route: ({ method, url, headers }, body, user) => route({ method, url, headers, body, user }),
    shapeHostile: (hostile, request, honest) => shapeHostileAnswer(hostile, request.url, honest),
    render: (answer, { url, headers }, traceId) =>
      renderAnswer(answer, { path: url.pathname, accept: headers.accept }, traceId),
    traceHeaders,
    answers: PLUMBING_ANSWERS,
  }
}
