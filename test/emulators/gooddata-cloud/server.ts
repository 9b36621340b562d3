import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EntityRoutes, notFound, type RouteAnswer } from './entity-routes.js'
import { echoedToken, shapeHostileAnswer, writeShapedAnswer, type HostileAnswer } from './hostile-answers.js'
import { JsonApiDocuments } from './json-api-documents.js'
import { OrganizationState, type OrganizationSeed } from './organization-state.js'
import { seededRandom } from './seeded-random.js'

/** GoodData.CN Community Edition's bootstrap token: base64 of admin:bootstrap:admin123. */
export const DEFAULT_TOKEN = 'YWRtaW46Ym9vdHN0cmFwOmFkbWluMTIz'

/** GoodData.CN Community Edition's early-access flags, as recorded (store_declarative_users.yaml). */
const EARLY_ACCESS = ['enableAlerting', 'enableSmtp', 'enablePreAggregationDatasets', 'enableScheduling', 'enableCompositeGrain', 'enableUserManagement', 'enableRawExports', 'enableFlexibleDashboardLayout']

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** The bootstrap user's token. */
  readonly token?: string
  /** More tokens, each belonging to a user id. */
  readonly extraTokens?: Readonly<Record<string, string>>
  /** Added before every answer. */
  readonly latencyMs?: number
  /** Requests per second (fixed one-second windows) before answering 429. */
  readonly rateLimit?: number
  /** Share of requests answered with 500, 429 (Retry-After: 1) or a connection dropped before or after the work. */
  readonly faultRate?: number
  readonly randomSeed?: number
  readonly seed?: OrganizationSeed
  /** Answer lists without meta.page even when asked, as a server that does not count. */
  readonly omitPageMeta?: boolean
  /** Tests pick the fault for a request directly (after the random faults, if any). */
  readonly injectFault?: (request: { method: string; path: string }) => Fault | undefined
  /** Tests pick a hostile answer for an authorised request (after faults): see HostileAnswer. */
  readonly hostile?: (request: { method: string; path: string }) => HostileAnswer | undefined
  /** Put the token the client sent, raw, base64 and URL-encoded, in every trace id, as a careless server might. */
  readonly echoTokenInTraceId?: boolean
}

export type Fault = '500' | '503' | '429' | '400' | '403' | 'drop-before' | 'drop-after'

/** One request as the emulator saw it: for tests and benchmarks to count and check. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly status: number | 'dropped'
  readonly fault?: Fault
  readonly requestBody?: unknown
  readonly responseBody?: unknown
  readonly contentType?: string
  readonly hostile?: HostileAnswer['kind']
  /** Bytes of a hostile answer written before the client stopped reading; set when the answer ends. */
  responseBytes?: number
}

export interface RunningEmulator {
  readonly url: string
  readonly port: number
  readonly state: OrganizationState
  readonly requestLog: LoggedRequest[]
  close(): Promise<void>
}

/** Starts the GoodData Cloud emulator on 127.0.0.1. */
export async function startGoodDataEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new OrganizationState(options.seed)
  const requestLog: LoggedRequest[] = []
  const random = seededRandom(options.randomSeed ?? 1)
  const traceRandom = seededRandom((options.randomSeed ?? 1) ^ 0x5eed)
  const tokens = new Map<string, string>([[options.token ?? DEFAULT_TOKEN, state.bootstrapUser], ...Object.entries(options.extraTokens ?? {})])
  let window = { second: -1, count: 0 }
  let origin = ''
  let documents: JsonApiDocuments
  let entities: EntityRoutes

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin)
    const method = request.method ?? 'GET'
    const rawBody = await readBody(request)
    const sentToken = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
    const randomTraceId = Array.from({ length: 16 }, () => Math.floor(traceRandom() * 16).toString(16)).join('')
    const traceId = options.echoTokenInTraceId ? echoedToken(sentToken) : randomTraceId
    const log = (entry: Omit<LoggedRequest, 'method' | 'path' | 'query'>) => requestLog.push({ method, path: url.pathname, query: url.search.slice(1), ...entry })

    // The emulator's own counters, for a benchmark running it in another process: not an API
    // endpoint, so outside auth, rate limit and the request log.
    if (url.pathname === '/_emulator/stats') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ requests: requestLog.length, faults: requestLog.filter((entry) => entry.fault).length, rateLimited: requestLog.filter((entry) => entry.status === 429).length }))
      return
    }

    if (options.rateLimit) {
      const now = Date.now()
      const second = Math.floor(now / 1000)
      window = window.second === second ? { second, count: window.count + 1 } : { second, count: 1 }
      if (window.count > options.rateLimit) {
        const reset = Math.max(1, Math.ceil((second + 1) * 1000 - now) / 1000)
        const headers = { 'retry-after': String(Math.ceil(reset)), 'x-ratelimit-limit': String(options.rateLimit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(reset)) }
        // The documented 429 body is plain JSON, not problem+json.
        return send(response, { status: 429, body: { error: 'Too Many Requests', message: 'Rate limit exceeded. Try again later.' }, headers }, 'application/json', traceId, log, rawBody)
      }
    }

    let fault: Fault | undefined
    if (options.faultRate && random() < options.faultRate) {
      const kind = random()
      fault = kind < 0.4 ? '500' : kind < 0.6 ? '429' : kind < 0.8 ? 'drop-before' : 'drop-after'
    }
    fault ??= options.injectFault?.({ method, path: url.pathname })
    if (fault === '429') {
      const headers = { 'retry-after': '1', 'x-ratelimit-limit': String(options.rateLimit ?? 0), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }
      return send(response, { status: 429, body: { error: 'Too Many Requests', message: 'Rate limit exceeded. Try again later.' }, headers }, 'application/json', traceId, log, rawBody, fault)
    }
    if (fault === '400' || fault === '403') {
      const title = fault === '400' ? 'Bad Request' : 'Forbidden'
      return send(response, { status: Number(fault), body: { detail: `Injected ${title.toLowerCase()}.`, title } }, 'application/problem+json', traceId, log, rawBody, fault)
    }
    if (fault === '503') {
      return send(response, { status: 503, body: { detail: 'Service Unavailable', title: 'Service Unavailable' } }, 'application/problem+json', traceId, log, rawBody, fault)
    }
    if (fault === 'drop-before') {
      log({ status: 'dropped', fault })
      request.socket.destroy()
      return
    }
    if (fault === '500') {
      // 5xx answers carry no details, only the trace id (GoodData's error documentation).
      return send(response, { status: 500, body: { detail: 'Internal Server Error', title: 'Internal Server Error' } }, 'application/problem+json', traceId, log, rawBody, fault)
    }

    const user = tokens.get(sentToken)
    const hostile = user === undefined ? undefined : options.hostile?.({ method, path: url.pathname })
    if (hostile) {
      const shaped = shapeHostileAnswer(hostile, url, () => route(method, url, undefined, user!))
      const entry: LoggedRequest = { method, path: url.pathname, query: url.search.slice(1), status: shaped.status, hostile: hostile.kind }
      requestLog.push(entry)
      entry.responseBytes = await writeShapedAnswer(response, shaped, traceId)
      return
    }
    let answer: RouteAnswer
    let body: unknown
    if (user === undefined) {
      answer = { status: 401, body: { detail: 'Authorization failed: missing or invalid bearer token.', title: 'Unauthorized' } }
    } else {
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody)
        answer = route(method, url, body, user)
      } catch {
        answer = { status: 400, body: { detail: 'Request body is not valid JSON.', title: 'Bad Request' } }
      }
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
    if (fault === 'drop-after') {
      log({ status: 'dropped', fault, requestBody: body })
      request.socket.destroy()
      return
    }
    send(response, answer, contentTypeFor(url.pathname, answer, request.headers.accept), traceId, log, body)
  }

  function route(method: string, url: URL, body: unknown, user: string): RouteAnswer {
    const path = url.pathname
    if (path === '/api/v1/profile' && method === 'GET') return profile(user)
    if (path === '/api/v1/entities/organization' && method === 'GET') {
      return { status: 302, headers: { location: `/api/v1/entities/admin/organizations/${state.organizationId}` } }
    }
    const organization = /^\/api\/v1\/entities\/admin\/organizations\/([^/]+)$/.exec(path)
    if (organization && method === 'GET') return organizationDocument(decodeURIComponent(organization[1]!), url.searchParams)
    const entity = /^\/api\/v1\/entities\/(users|userGroups)(?:\/([^/]+))?$/.exec(path)
    if (!entity) return notFound()
    const collection = entity[1] as 'users' | 'userGroups'
    const id = entity[2] === undefined ? undefined : decodeURIComponent(entity[2])
    if (id === undefined) {
      if (method === 'GET') return entities.list(collection, url.searchParams)
      if (method === 'POST') return entities.write(collection, 'POST', undefined, body)
      return { status: 405, body: { detail: `Method ${method} is not allowed here.`, title: 'Method Not Allowed' } }
    }
    if (method === 'GET') return entities.get(collection, id, url.searchParams)
    if (method === 'PUT' || method === 'PATCH') return entities.write(collection, method, id, body)
    if (method === 'DELETE') return entities.delete(collection, id)
    return { status: 405, body: { detail: `Method ${method} is not allowed here.`, title: 'Method Not Allowed' } }
  }

  function profile(user: string): RouteAnswer {
    return {
      status: 200,
      body: {
        entitlements: [],
        features: { context: { earlyAccess: '', earlyAccessValues: [] }, items: {} },
        links: { organization: `${origin}/api/v1/entities/admin/organizations/${state.organizationId}`, self: `${origin}/api/v1/profile`, user: `${origin}/api/v1/entities/users/${user}` },
        name: user,
        organizationId: state.organizationId,
        organizationName: state.organizationName,
        permissions: ['MANAGE'],
        telemetryConfig: { context: { deploymentId: 'emulator', organizationHash: 'emulator', userHash: 'emulator' }, services: {} },
        userId: user,
      },
    }
  }

  function organizationDocument(id: string, query: URLSearchParams): RouteAnswer {
    if (id !== state.organizationId) return notFound()
    const include = (query.get('include') ?? '').split(',').filter(Boolean)
    const all = include.includes('ALL')
    const relationships: Record<string, unknown> = {}
    const included: unknown[] = []
    if (all || include.includes('bootstrapUser')) {
      relationships['bootstrapUser'] = { data: { id: state.bootstrapUser, type: 'user' } }
      const user = state.users.get(state.bootstrapUser)
      if (user) included.push(documents.userResource(user, false, true))
    }
    if (all || include.includes('bootstrapUserGroup')) {
      relationships['bootstrapUserGroup'] = { data: { id: state.bootstrapUserGroup, type: 'userGroup' } }
      const group = state.userGroups.get(state.bootstrapUserGroup)
      if (group) included.push(documents.userGroupResource(group, false, true))
    }
    return {
      status: 200,
      body: {
        data: {
          attributes: { allowedOrigins: [], dataCenter: '', earlyAccess: EARLY_ACCESS[0], earlyAccessValues: EARLY_ACCESS, hostname: 'localhost', name: state.organizationName, region: '' },
          id,
          ...(Object.keys(relationships).length > 0 ? { relationships } : {}),
          type: 'organization',
        },
        ...(included.length > 0 ? { included } : {}),
        links: documents.selfLink(`/api/v1/entities/admin/organizations/${id}`),
      },
    }
  }

  function send(response: ServerResponse, answer: RouteAnswer, contentType: string, traceId: string, log: (entry: Omit<LoggedRequest, 'method' | 'path' | 'query'>) => void, requestBody: unknown, fault?: Fault) {
    const isProblem = contentType === 'application/problem+json'
    const body = answer.body === undefined ? undefined : isProblem ? { ...(answer.body as object), status: answer.status, traceId } : answer.body
    const text = body === undefined ? '' : JSON.stringify(body)
    response.writeHead(answer.status, { 'content-type': contentType, 'x-gdc-trace-id': traceId, expires: '0', pragma: 'no-cache', 'x-content-type-options': 'nosniff', ...answer.headers })
    response.end(text)
    log({ status: answer.status, ...(fault ? { fault } : {}), requestBody, responseBody: body, contentType })
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  documents = new JsonApiDocuments(origin, state)
  entities = new EntityRoutes(state, documents, { omitPageMeta: options.omitPageMeta ?? false })
  return {
    url: origin,
    port,
    state,
    requestLog,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * Errors are problem+json; the profile is plain JSON; everything else is the JSON:API type unless
 * the client accepts only application/json (the recordings show both).
 */
function contentTypeFor(path: string, answer: RouteAnswer, accept: string | undefined): string {
  if (answer.status >= 400 && answer.status !== 429) return 'application/problem+json'
  if (path === '/api/v1/profile') return 'application/json'
  const onlyPlainJson = accept !== undefined && accept.includes('application/json') && !accept.includes('application/vnd.gooddata.api+json')
  return onlyPlainJson && answer.status !== 204 && answer.status !== 302 ? 'application/json' : 'application/vnd.gooddata.api+json'
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
