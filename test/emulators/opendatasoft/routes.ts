import type { RouteAnswer } from '../shared/route-answer.js'
import { methodNotAllowed, notFound } from './answer-format.js'
import type { GroupRoutes } from './group-routes.js'
import type { UserRoutes } from './user-routes.js'

/** The Automation API's base path on a domain. */
export const BASE_PATH = '/api/automation/v1.0'

/** An authorised request as the routes take it. */
export interface RoutedRequest {
  readonly method: string
  readonly url: URL
  readonly body: unknown
  readonly user: string
}

type Handler = (
  routes: { users: UserRoutes; groups: GroupRoutes },
  request: RoutedRequest,
  ids: string[],
) => RouteAnswer

/**
 * Every path ends with `/`, as in the description; without it the answer is 404 (wire facts §C O11).
 * Fixed segments come before `{username}`: `GET /users/invite/` is 405, not a user called "invite".
 * `GET /users/export/` (CSV) is not emulated and answers 404 like an unknown user.
 */
const ROUTES: readonly (readonly [RegExp, Readonly<Record<string, Handler>>])[] = [
  [/^\/users\/$/, { GET: (r, q) => r.users.list(q.url) }],
  [/^\/users\/invite\/$/, { POST: (r, q) => r.users.invite(q.body) }],
  [/^\/users\/provision\/$/, { POST: (r, q) => r.users.provision(q.body) }],
  [
    /^\/users\/([^/]+)\/$/,
    {
      GET: (r, q, [username]) => r.users.get(username!, q.url),
      PUT: (r, q, [username]) => r.users.replace(username!, q.body),
      DELETE: (r, _q, [username]) => r.users.delete(username!),
    },
  ],
  [/^\/groups\/$/, { GET: (r, q) => r.groups.list(q.url), POST: (r, q) => r.groups.create(q.body, q.user) }],
  [
    /^\/groups\/([^/]+)\/$/,
    {
      GET: (r, _q, [uid]) => r.groups.get(uid!),
      PUT: (r, q, [uid]) => r.groups.replace(uid!, q.body, q.user),
      DELETE: (r, _q, [uid]) => r.groups.delete(uid!),
    },
  ],
  [
    /^\/groups\/([^/]+)\/users\/$/,
    { GET: (r, q, [uid]) => r.groups.members(uid!, q.url), POST: (r, q, [uid]) => r.groups.addMember(uid!, q.body) },
  ],
  [/^\/groups\/([^/]+)\/users\/batch\/$/, { POST: (r, q, [uid]) => r.groups.addMembers(uid!, q.body) }],
  [
    /^\/groups\/([^/]+)\/users\/([^/]+)\/$/,
    { DELETE: (r, _q, [uid, username]) => r.groups.removeMember(uid!, username!) },
  ],
]

/** Sends an authorised request to the route for its method and path. */
export function routeRequest(routes: { users: UserRoutes; groups: GroupRoutes }, request: RoutedRequest): RouteAnswer {
  const { pathname } = request.url
  if (!pathname.startsWith(`${BASE_PATH}/`)) return notFound()
  const path = pathname.slice(BASE_PATH.length)
  for (const [pattern, handlers] of ROUTES) {
    const match = pattern.exec(path)
    if (!match) continue
    const ids = decoded(match.slice(1))
    if (!ids) return notFound()
    const handler = handlers[request.method]
    return handler ? handler(routes, request, ids) : methodNotAllowed(request.method)
  }
  return notFound()
}

function decoded(segments: string[]): string[] | undefined {
  try {
    return segments.map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}
