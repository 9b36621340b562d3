import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { FaultSource, type AnsweredFault, type Fault, type FaultPicker } from './faults.js'
import { writeShapedAnswer, type ShapedAnswer } from './hostile-answers.js'
import { readBody, waitLatency, startLoopbackServer, type LoopbackServer } from './loopback-server.js'
import { FixedWindowRateLimit, injectedRateLimitHeaders, type RateLimitHeaders } from './rate-limit.js'
import { answerStats, STATS_PATH, type LoggedRequest } from './request-log.js'
import type { RouteAnswer } from './route-answer.js'

/** A request as the shared server hands it to a target. */
export interface ApiRequest {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
}

/** An answer as a target writes it: its content type (none for some empty answers), every header, the JSON body. */
export interface RenderedAnswer {
  readonly contentType: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/** A target's answers to what the shared server decides on its own. */
export interface PlumbingAnswers {
  unauthorized(): RouteAnswer
  invalidJson(): RouteAnswer
  rateLimited(headers: RateLimitHeaders): RouteAnswer
  fault(fault: AnsweredFault): RouteAnswer
}

/** What one target's emulator adds to the shared server: its auth check, routes and answer format. */
export interface TargetApi<Hostile extends { readonly kind: string }> {
  /** Made first for every request, so a seeded sequence of ids does not depend on what is answered. */
  traceId(request: ApiRequest): string
  /** The user the request's credentials belong to; undefined is answered `unauthorized`. */
  authenticate(request: ApiRequest): string | undefined
  route(request: ApiRequest, body: unknown, user: string): RouteAnswer
  shapeHostile(hostile: Hostile, request: ApiRequest, honest: () => RouteAnswer): ShapedAnswer
  render(answer: RouteAnswer, request: ApiRequest, traceId: string): RenderedAnswer
  traceHeaders(traceId: string): Readonly<Record<string, string>>
  readonly answers: PlumbingAnswers
}

/** The behaviour every emulator shares: port, latency, rate limit, faults, hostile answers. */
export interface ApiServerOptions<Hostile> {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** Added to every routed answer: it leaves this long after its request arrived, plus the request's own work. */
  readonly latencyMs?: number
  /** Requests per second (fixed one-second windows) before answering 429. */
  readonly rateLimit?: number
  /** Send X-RateLimit-Limit, -Remaining and -Reset with every answer, not only with a 429 (GoodData Cloud does). */
  readonly announceRateLimit?: boolean
  /** Share of requests answered with 500, 429 (Retry-After: 1) or a connection dropped before or after the work. */
  readonly faultRate?: number
  readonly randomSeed?: number
  /** Tests pick the fault for a request directly (after the random faults, if any). */
  readonly injectFault?: FaultPicker
  /** Tests pick a hostile answer for an authorised request (after faults). */
  readonly hostile?: (request: { method: string; path: string }) => Hostile | undefined
}

/** A running emulator's server and what it saw. */
export interface RunningApiServer<HostileKind extends string> extends LoopbackServer {
  readonly requestLog: LoggedRequest<HostileKind>[]
}

/** Starts a target's API on 127.0.0.1 behind the shared plumbing; `createApi` gets the origin. */
export async function startApiServer<Hostile extends { readonly kind: string }>(
  createApi: (origin: string) => TargetApi<Hostile>,
  options: ApiServerOptions<Hostile>,
): Promise<RunningApiServer<Hostile['kind']>> {
  let pipeline: RequestPipeline<Hostile> | undefined
  const server = await startLoopbackServer((request, response) => pipeline!.handle(request, response), options.port)
  pipeline = new RequestPipeline(createApi(server.origin), server.origin, options)
  return { ...server, requestLog: pipeline.requestLog }
}

type LogDetails = Omit<LoggedRequest, 'method' | 'path' | 'query'>

/** One request being answered: the connection, the request as targets see it, its trace id. */
interface Exchange {
  readonly request: IncomingMessage
  readonly response: ServerResponse
  readonly asked: ApiRequest
  readonly traceId: string
}

/** Stats, rate limit, faults, auth, hostile answers, routes, latency, in that order. */
class RequestPipeline<Hostile extends { readonly kind: string }> {
  readonly requestLog: LoggedRequest<Hostile['kind']>[] = []
  private readonly faults: FaultSource
  private readonly rateLimit: FixedWindowRateLimit | undefined

  constructor(
    private readonly api: TargetApi<Hostile>,
    private readonly origin: string,
    private readonly options: ApiServerOptions<Hostile>,
  ) {
    this.faults = new FaultSource(options)
    this.rateLimit = options.rateLimit ? new FixedWindowRateLimit(options.rateLimit) : undefined
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = performance.now()
    const url = new URL(request.url ?? '/', this.origin)
    const asked: ApiRequest = { method: request.method ?? 'GET', url, headers: request.headers }
    const rawBody = await readBody(request)
    const exchange: Exchange = { request, response, asked, traceId: this.api.traceId(asked) }
    if (url.pathname === STATS_PATH) return answerStats(response, this.requestLog)
    const limited = this.rateLimit?.take(Date.now())
    if (limited) return this.send(exchange, this.api.answers.rateLimited(limited), { requestBody: rawBody })
    const fault = this.faults.pick({ method: asked.method, path: url.pathname })
    if (fault === 'drop-before') return this.drop(exchange, { status: 'dropped', fault })
    if (fault !== undefined && fault !== 'drop-after') {
      return this.send(exchange, this.faultAnswer(fault), { requestBody: rawBody, fault })
    }
    const user = this.api.authenticate(asked)
    const hostile =
      user === undefined ? undefined : this.options.hostile?.({ method: asked.method, path: url.pathname })
    if (hostile) return this.answerHostile(exchange, hostile, user!)
    const working = performance.now()
    const { answer, body } = this.answerHonestly(asked, rawBody, user)
    await waitLatency(this.options.latencyMs, arrivedAt, performance.now() - working)
    if (fault === 'drop-after') return this.drop(exchange, { status: 'dropped', fault, requestBody: body })
    this.send(exchange, answer, { requestBody: body })
  }

  private faultAnswer(fault: Exclude<Fault, 'drop-before' | 'drop-after'>): RouteAnswer {
    if (fault === '429') return this.api.answers.rateLimited(injectedRateLimitHeaders(this.options.rateLimit))
    return this.api.answers.fault(fault)
  }

  /** The routed answer and the parsed body; the body is kept for the log even when routing throws. */
  private answerHonestly(asked: ApiRequest, rawBody: string, user: string | undefined) {
    if (user === undefined) return { answer: this.api.answers.unauthorized() }
    let body: unknown
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody)
      return { answer: this.api.route(asked, body, user), body }
    } catch {
      return { answer: this.api.answers.invalidJson(), body }
    }
  }

  private async answerHostile(exchange: Exchange, hostile: Hostile, user: string) {
    const { asked } = exchange
    const shaped = this.api.shapeHostile(hostile, asked, () => this.api.route(asked, undefined, user))
    const entry = this.log(asked, { status: shaped.status, hostile: hostile.kind })
    entry.responseBytes = await writeShapedAnswer(exchange.response, shaped, this.api.traceHeaders(exchange.traceId))
  }

  private send(
    { response, asked, traceId }: Exchange,
    answer: RouteAnswer,
    logged: Pick<LogDetails, 'requestBody' | 'fault'>,
  ) {
    const { contentType, headers, body } = this.api.render(answer, asked, traceId)
    const budget =
      this.options.announceRateLimit && this.rateLimit && answer.status !== 429 ? this.rateLimit.budget(Date.now()) : {}
    response.writeHead(answer.status, { ...headers, ...budget })
    response.end(body === undefined ? '' : JSON.stringify(body))
    const fault = logged.fault ? { fault: logged.fault } : {}
    this.log(asked, {
      status: answer.status,
      ...fault,
      requestBody: logged.requestBody,
      responseBody: body,
      ...(contentType === undefined ? {} : { contentType }),
    })
  }

  private drop({ request, asked }: Exchange, details: LogDetails) {
    this.log(asked, details)
    request.socket.destroy()
  }

  private log({ method, url }: ApiRequest, details: LogDetails): LoggedRequest<Hostile['kind']> {
    const entry = { method, path: url.pathname, query: url.search.slice(1), ...details } as LoggedRequest<
      Hostile['kind']
    >
    this.requestLog.push(entry)
    return entry
  }
}
