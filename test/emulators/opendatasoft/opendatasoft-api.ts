import type { TargetApi } from '../shared/api-server.js'
import { seededRandom } from '../shared/seeded-random.js'
import { PLUMBING_ANSWERS, renderAnswer, traceIdFrom } from './answer-format.js'
import { ApiKeys } from './api-key-auth.js'
import type { DomainState } from './domain-state.js'
import { GroupRoutes } from './group-routes.js'
import { shapeHostileAnswer, type HostileAnswer } from './hostile-answers.js'
import { routeRequest } from './routes.js'
import { UserRoutes, type ProvisionBody } from './user-routes.js'

/** What the Opendatasoft API needs beyond the shared server's options. */
export interface OpendatasoftApiSettings {
  readonly state: DomainState
  /** Each API key with the username it belongs to. */
  readonly apiKeys: Iterable<readonly [key: string, username: string]>
  readonly randomSeed?: number
  readonly provisionBody?: ProvisionBody
}

/** Opendatasoft's side of the emulator: API-key auth, routes and plain-JSON answers. */
export function createOpendatasoftApi(settings: OpendatasoftApiSettings): TargetApi<HostileAnswer> {
  const { state } = settings
  const routes = { users: new UserRoutes(state, settings.provisionBody), groups: new GroupRoutes(state) }
  const keys = new ApiKeys(settings.apiKeys, state)
  const traceRandom = seededRandom((settings.randomSeed ?? 1) ^ 0x0d5)
  return {
    traceId: () => traceIdFrom(traceRandom),
    authenticate: (request) => keys.userOf(request),
    route: ({ method, url }, body, user) => routeRequest(routes, { method, url, body, user }),
    shapeHostile: (hostile, request, honest) => shapeHostileAnswer(hostile, request.url, honest),
    render: (answer, _request, traceId) => renderAnswer(answer, traceId),
    // No trace header is documented; the id shows only in 5xx bodies.
    traceHeaders: () => ({}),
    answers: PLUMBING_ANSWERS,
  }
}
