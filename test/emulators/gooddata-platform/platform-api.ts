import type { ApiRequest, TargetApi } from '../shared/api-server.js'
import { shapeCommonHostileAnswer, type CommonHostileAnswer } from '../shared/hostile-answers.js'
import { AccountRoutes } from './account-routes.js'
import { PLUMBING_ANSWERS, renderAnswer, UNVERIFIED_CLASS, WEBAPP_JSON, webappError } from './answer-format.js'
import { AuthRoutes, headerValue } from './auth-routes.js'
import { GroupRoutes } from './group-routes.js'
import { BASE64URL, IdSource } from './ids.js'
import type { PlatformState } from './platform-state.js'
import { ProjectRoutes } from './project-routes.js'
import { routeRequest, type PlatformRoutes } from './routes.js'

/** Answers no honest server gives: the shared kinds only, so far. */
export type HostileAnswer = CommonHostileAnswer

/** The caller of the two resources that take no TT: login, and the token an SST buys. */
const ANONYMOUS = ''

function isPublic({ method, url }: ApiRequest): boolean {
  return (
    (method === 'POST' && url.pathname === '/gdc/account/login') ||
    (method === 'GET' && url.pathname === '/gdc/account/token')
  )
}

/** The legacy platform's side of the emulator: SST/TT auth, routes, request ids and answer format. */
export function createPlatformApi(settings: {
  readonly state: PlatformState
  readonly randomSeed?: number
  /** Test-only: requests answered with a 400 whose message quotes the TT they carried, as a careless server might. */
  readonly quoteToken?: (request: { method: string; path: string }) => boolean
}): TargetApi<HostileAnswer> {
  const { state } = settings
  const routes: PlatformRoutes = {
    auth: new AuthRoutes(state),
    accounts: new AccountRoutes(state),
    project: new ProjectRoutes(state),
    groups: new GroupRoutes(state),
  }
  const requestIds = new IdSource((settings.randomSeed ?? 1) ^ 0x9dc)
  return {
    // The client's X-GDC-Request with `:` and 16 characters appended; one of our own when none
    // was sent (wire facts §A0: the server invents one, in a form no recording shows).
    traceId: ({ headers }) => {
      const sent = headerValue(headers, 'x-gdc-request')
      const suffix = requestIds.chars(BASE64URL, 16)
      return sent ? `${sent}:${suffix}` : `${requestIds.chars(BASE64URL, 22)}:${suffix}`
    },
    authenticate: (request) => {
      if (isPublic(request)) return ANONYMOUS
      return state.sessions.sessionOfTemporaryToken(headerValue(request.headers, 'x-gdc-authtt'))?.profileId
    },
    route: ({ method, url, headers }, body, caller) =>
      settings.quoteToken?.({ method, path: url.pathname })
        ? webappError(400, UNVERIFIED_CLASS, 'The token %s is not accepted here.', undefined, [
            headerValue(headers, 'x-gdc-authtt') ?? '',
          ])
        : routeRequest(routes, { method, url, headers, body, caller }, state.project),
    shapeHostile: (hostile, _request, honest) =>
      shapeCommonHostileAnswer(hostile, () => (honest().body ?? {}) as Record<string, unknown>, WEBAPP_JSON),
    render: (answer, _request, requestId) => renderAnswer(answer, requestId),
    traceHeaders: (requestId) => ({ 'x-gdc-request': requestId }),
    answers: PLUMBING_ANSWERS,
  }
}
