import type { RouteAnswer } from '../shared/route-answer.js'
import { notFound, type Collection, type EntityRoutes } from './entity-routes.js'
import type { OrganizationRoutes } from './organization-routes.js'

const ORGANIZATION = /^\/api\/v1\/entities\/admin\/organizations\/([^/]+)$/
const ENTITY = /^\/api\/v1\/entities\/(users|userGroups)(?:\/([^/]+))?$/

/** Sends an authorised request to the route for its method and path. */
export function routeRequest(
  routes: { readonly organization: OrganizationRoutes; readonly entities: EntityRoutes },
  request: { readonly method: string; readonly url: URL; readonly body: unknown; readonly user: string },
): RouteAnswer {
  const { method, url } = request
  const path = url.pathname
  if (path === '/api/v1/profile' && method === 'GET') return routes.organization.profile(request.user)
  if (path === '/api/v1/entities/organization' && method === 'GET') return routes.organization.redirectToOrganization()
  const organization = ORGANIZATION.exec(path)
  if (organization && method === 'GET') {
    return routes.organization.organization(decodeURIComponent(organization[1]!), url.searchParams)
  }
  const entity = ENTITY.exec(path)
  if (!entity) return notFound()
  const collection = entity[1] as Collection
  if (entity[2] === undefined) return routeCollection(routes.entities, collection, request)
  return routeEntity(routes.entities, collection, decodeURIComponent(entity[2]), request)
}

interface RoutedRequest {
  readonly method: string
  readonly url: URL
  readonly body: unknown
}

function routeCollection(entities: EntityRoutes, collection: Collection, { method, url, body }: RoutedRequest) {
  if (method === 'GET') return entities.list(collection, url.searchParams)
  if (method === 'POST') return entities.write(collection, 'POST', undefined, body)
  return methodNotAllowed(method)
}

function routeEntity(entities: EntityRoutes, collection: Collection, id: string, { method, url, body }: RoutedRequest) {
  if (method === 'GET') return entities.get(collection, id, url.searchParams)
  if (method === 'PUT' || method === 'PATCH') return entities.write(collection, method, id, body)
  if (method === 'DELETE') return entities.delete(collection, id)
  return methodNotAllowed(method)
}

function methodNotAllowed(method: string): RouteAnswer {
  return { status: 405, body: { detail: `Method ${method} is not allowed here.`, title: 'Method Not Allowed' } }
}
