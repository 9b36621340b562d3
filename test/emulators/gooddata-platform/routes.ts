import type { IncomingHttpHeaders } from 'node:http'
import type { RouteAnswer } from '../shared/route-answer.js'
import type { AccountRoutes } from './account-routes.js'
import { notFound, perlError, UNVERIFIED_CLASS, webappError } from './answer-format.js'
import type { AuthRoutes } from './auth-routes.js'
import type { GroupRoutes } from './group-routes.js'
import type { ProjectRoutes } from './project-routes.js'

export interface PlatformRoutes {
  readonly auth: AuthRoutes
  readonly accounts: AccountRoutes
  readonly project: ProjectRoutes
  readonly groups: GroupRoutes
}

/** A request as the routes take it; `caller` is the TT's profile id, '' on login and token. */
export interface RoutedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  readonly body: unknown
  readonly caller: string
}

type Handler = (routes: PlatformRoutes, request: RoutedRequest, ids: string[]) => RouteAnswer

/** `/gdc/projects/{pid}/…` of this project only; the key is the path after the project id. */
const PROJECT_ROUTES: readonly (readonly [RegExp, Readonly<Record<string, Handler>>])[] = [
  // legacy2cloud pages `/users/` with a trailing slash (wire facts §A4.1).
  [
    /^\/users\/?$/,
    { GET: (r, q) => r.project.listUsers(q.url.searchParams), POST: (r, q) => r.project.writeUsers(q.body, q.caller) },
  ],
  [
    /^\/users\/([^/]+)$/,
    { GET: (r, _q, [id]) => r.project.getUser(id!), DELETE: (r, _q, [id]) => r.project.removeUser(id!) },
  ],
  [/^\/users\/([^/]+)\/roles$/, { GET: (r, _q, [id]) => r.project.userRoles(id!) }],
  [/^\/roles$/, { GET: (r) => r.project.roles() }],
  [/^\/roles\/(\d+)$/, { GET: (r, _q, [id]) => r.project.role(Number(id)) }],
  [/^\/roles\/(\d+)\/users$/, { GET: (r, _q, [id]) => r.project.roleUsers(Number(id)) }],
]

/** Fixed segments before ids: `profile/current` is not a profile called "current". */
const ROUTES: readonly (readonly [RegExp, Readonly<Record<string, Handler>>])[] = [
  [/^\/gdc\/account\/login$/, { POST: (r, q) => r.auth.login(q.body) }],
  [/^\/gdc\/account\/token$/, { GET: (r, q) => r.auth.token(q.headers) }],
  [/^\/gdc\/account\/login\/([^/]+)$/, { DELETE: (r, q, [id]) => r.auth.logout(id!, q.caller, q.headers) }],
  [/^\/gdc\/account\/profile\/current$/, { GET: (r, q) => r.auth.currentProfile(q.caller) }],
  [
    /^\/gdc\/account\/profile\/([^/]+)$/,
    {
      GET: (r, _q, [id]) => r.accounts.get(id!),
      PUT: (r, q, [id]) => r.accounts.update(id!, q.body, q.caller),
      DELETE: (r, q, [id]) => r.accounts.delete(id!, q.caller),
    },
  ],
  [
    /^\/gdc\/account\/domains\/([^/]+)\/users$/,
    {
      GET: (r, q, [domain]) => r.accounts.list(domain!, q.url.searchParams, q.caller),
      POST: (r, q, [domain]) => r.accounts.create(domain!, q.body, q.caller),
    },
  ],
  [/^\/gdc\/internal\/projects\/[^/]+\/roles$/, { GET: (r) => r.project.internalRoles() }],
  [
    /^\/gdc\/userGroups$/,
    { GET: (r, q) => r.groups.list(q.url.searchParams), POST: (r, q) => r.groups.create(q.body) },
  ],
  [
    /^\/gdc\/userGroups\/([^/]+)$/,
    {
      GET: (r, _q, [id]) => r.groups.get(id!),
      PUT: (r, q, [id]) => r.groups.update(id!, q.body),
      DELETE: (r, _q, [id]) => r.groups.delete(id!),
    },
  ],
  [/^\/gdc\/userGroups\/([^/]+)\/members$/, { GET: (r, q, [id]) => r.groups.members(id!, q.url.searchParams) }],
  [/^\/gdc\/userGroups\/([^/]+)\/modifyMembers$/, { POST: (r, q, [id]) => r.groups.modifyMembers(id!, q.body) }],
]

/** Sends a request to the route for its method and path. */
export function routeRequest(routes: PlatformRoutes, request: RoutedRequest, project: string): RouteAnswer {
  const path = request.url.pathname
  const inProject = /^\/gdc\/(?:internal\/)?projects\/([^/]+)(\/.*)$/.exec(path)
  if (inProject && decodeSegment(inProject[1]!) !== project) return unknownProject(inProject[1]!)
  const table = inProject && !path.startsWith('/gdc/internal/') ? PROJECT_ROUTES : ROUTES
  const rest = table === PROJECT_ROUTES ? inProject![2]! : path
  for (const [pattern, handlers] of table) {
    const match = pattern.exec(rest)
    if (!match) continue
    const ids = match.slice(1).map(decodeSegment)
    if (ids.includes(undefined)) return notFound('Resource')
    const handler = handlers[request.method]
    return handler
      ? handler(routes, request, ids as string[])
      : webappError(405, UNVERIFIED_CLASS, 'Method %s is not allowed here.', undefined, [request.method])
  }
  return notFound('Resource')
}

/** Projects are the Perl side's (wire facts §A7.2); the message is ours. */
function unknownProject(id: string): RouteAnswer {
  return perlError(404, 'GDC::Exception::NotFound', 'Project %s does not exist.', [id])
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}
