import { setMaxListeners } from 'node:events'
import { setTimeout as delay } from 'node:timers/promises'
import { Pool } from 'undici'
import { ApiError, UnexpectedAnswerError } from './api-error.js'
import { lowerCaseNames, resolveDialect, type Dialect, type ResolvedDialect } from './dialect.js'
import { ConcurrencyLimit } from './limit-concurrency.js'
import { linkSignals, sleepUnlessAborted } from './link-signals.js'
import { describeNetworkError, firstContactHint, isNetworkError, scrubError, wasNeverSent } from './network-error.js'
import { readAnswer, type Attempt } from './read-answer.js'
import { MAX_RESPONSE_BYTES } from './read-answer-body.js'
import { RateLimitPacer } from './pace-rate-limit.js'
import { renewAuth } from './renew-auth.js'
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry-delay.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiRequest {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly body?: unknown
  /** The body's media type, where an endpoint takes another than the dialect's (GoodData's actions take plain JSON). */
  readonly contentType?: string
  /** Statuses the caller handles itself: answered, not thrown (e.g. 404 on a delete). */
  readonly expect?: readonly number[]
  /** Cancels the request, and any retry of it, when it aborts. */
  readonly signal?: AbortSignal
}

export interface ApiResponse {
  readonly status: number
  readonly body: unknown
  /** How many tries it took; more than 1 means an earlier try may have been carried out. */
  readonly attempts: number
  /** The server's trace id, from the header the dialect names, secrets redacted. */
  readonly traceId?: string | undefined
}

export interface HttpClientOptions {
  /** Normalised origin, possibly with a path prefix: https://host[/prefix]. */
  readonly host: string
  /** How the API authenticates, what it sends and answers besides JSON, and what it lets be repeated. */
  readonly dialect: Dialect
  /** Requests in flight at once to this host, shared by every caller. */
  readonly concurrency?: number
  readonly connectTimeoutMs?: number
  readonly requestTimeoutMs?: number
  /** The most one answer's body may hold; more is an UnexpectedAnswerError. */
  readonly maxResponseBytes?: number
  readonly retry?: RetryPolicy
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly random?: () => number
  readonly now?: () => number
  readonly onRetry?: (event: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
  readonly userAgent?: string
  /**
   * Whether to spread requests over what `X-RateLimit-Remaining` says is left until
   * `X-RateLimit-Reset`, where the server sends them (by default, yes); a 429 holds the host either way.
   */
  readonly paceRateLimit?: boolean
}

type Defaulted = 'retry' | 'sleep' | 'random' | 'now' | 'requestTimeoutMs' | 'maxResponseBytes'
type Settings = Omit<HttpClientOptions, 'dialect'> & Required<Pick<HttpClientOptions, Defaulted>>

/**
 * JSON over HTTP to one host, in the dialect of the API there: keep-alive pool, bounded concurrency
 * and size, retries, typed errors.
 */
export class HttpClient {
  private readonly pool: Pool
  private readonly prefix: string
  private readonly limit: ConcurrencyLimit
  /** Aborted by close(): nothing is sent, and nothing retried, against a closed pool. */
  private readonly closing = new AbortController()
  private closed: Promise<void> | undefined
  /** When the server last said to wait (429), every request to it waits until then, not only the one told. */
  private pausedUntil = 0
  /** Where answers say how much of the rate limit is left: when each request may go. */
  private readonly pacer: RateLimitPacer | undefined
  private rateLimited = 0
  /** Whether the host has answered anything yet: until it has, a refused or misspoken connection is a mistake, not a blip. */
  private answered = false
  private readonly options: Settings
  private readonly dialect: ResolvedDialect

  constructor(options: HttpClientOptions) {
    const url = new URL(options.host)
    this.prefix = url.pathname.replace(/\/+$/, '')
    this.dialect = resolveDialect(options.dialect)
    this.options = {
      retry: DEFAULT_RETRY_POLICY,
      sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
      random: Math.random,
      now: Date.now,
      requestTimeoutMs: 60_000,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      ...options,
    }
    // Every request waiting for a connection listens for close(): thousands of pages is not a leak.
    setMaxListeners(0, this.closing.signal)
    const connections = options.concurrency ?? 8
    this.limit = new ConcurrencyLimit(connections)
    // Spread out once what is left would last about two rounds of the requests in flight.
    this.pacer = options.paceRateLimit === false ? undefined : new RateLimitPacer(2 * connections)
    this.pool = new Pool(url.origin, {
      connections,
      pipelining: 1,
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: this.options.requestTimeoutMs,
      bodyTimeout: this.options.requestTimeoutMs,
      keepAliveTimeout: 30_000,
    })
  }

  /** Sends one request, retrying what is safe to retry; throws ApiError for any other failure. */
  async request(request: ApiRequest): Promise<ApiResponse> {
    const scope = linkSignals([request.signal, this.closing.signal])
    try {
      return await this.tryUntilDone(request, scope.signal)
    } finally {
      scope.dispose()
    }
  }

  /** How many answers were 429 (Too Many Requests), retried or not, since the client was made. */
  get rateLimitedAnswers(): number {
    return this.rateLimited
  }

  /** Cancels what is in flight and closes the connections; safe to call more than once. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closing.abort()
      this.closed = this.pool.close()
    }
    await this.closed
  }

  private async tryUntilDone(request: ApiRequest, signal: AbortSignal): Promise<ApiResponse> {
    let renewed = false
    for (let attempt = 1; ; attempt++) {
      const result = await this.tryOnce(request, attempt, signal)
      if (result.kind === 'answer') this.answered = true
      if (result.kind === 'answer' && result.status === 429) this.rateLimited++
      if (result.kind === 'answer' && !result.error) {
        return { status: result.status, body: result.body, attempts: attempt, traceId: result.traceId }
      }
      if (result.kind === 'answer' && result.status === 401 && !renewed) {
        renewed = true
        const renewedNow = await renewAuth(this.dialect.auth, result.error!, signal)
        if (signal.aborted) throw this.cancelled(request, attempt)
        if (renewedNow) continue
      }
      const final = this.finalError(request, result, attempt, signal)
      if (final) throw final
      await this.waitToRetry(request, result, attempt, signal)
      if (signal.aborted) throw this.cancelled(request, attempt)
    }
  }

  private async tryOnce(request: ApiRequest, attempt: number, signal: AbortSignal): Promise<Attempt> {
    return this.limit
      .run(async () => {
        // Waiting here, inside the bound, holds every request to this host while the server asked for quiet.
        const { now } = this.options
        const asked = now()
        const slot = this.pacer?.reserve(asked)
        const pause = Math.max(this.pausedUntil, slot?.at ?? 0) - asked
        if (pause > 0) await sleepUnlessAborted(this.options.sleep, pause, signal)
        if (signal.aborted) throw new Error('cancelled')
        const sentAt = now()
        const result = await this.send(request, attempt, signal)
        if (slot && result.kind === 'answer') {
          const headers = { remaining: result.rateLimitRemaining, reset: result.rateLimitReset }
          this.pacer!.observe(slot, sentAt, headers, now())
        }
        return result
      })
      .catch((error: unknown): Attempt => {
        // An auth that could not log in has said why, in its own typed error.
        if (error instanceof ApiError) throw error
        return { kind: 'network', error }
      })
  }

  /** The error a failed try ends the request with, or undefined when another try is worth it. */
  private finalError(request: ApiRequest, result: Attempt, attempt: number, signal: AbortSignal): ApiError | undefined {
    const repeatable = this.dialect.mayRepeat(request.method)
    const retryable =
      result.kind === 'network'
        ? isNetworkError(result.error) && (repeatable || wasNeverSent(result.error))
        : !(result.error instanceof UnexpectedAnswerError) && isRetryableStatus(result.status, repeatable)
    // A host that has never answered and refuses, or speaks no TLS, is most likely the wrong address: say so after one more try.
    const hint = this.answered || result.kind === 'answer' ? undefined : firstContactHint(result.error)
    const last = !retryable || attempt >= this.options.retry.maxAttempts || (hint !== undefined && attempt >= 2)
    if (result.kind === 'answer' && last) return result.error
    if (signal.aborted) return this.cancelled(request, attempt)
    if (result.kind === 'answer' || !last) return undefined
    const cause =
      hint === undefined
        ? scrubError(result.error, this.dialect.auth.secrets())
        : new Error(`${describeNetworkError(result.error)}: ${hint}`)
    return new ApiError({ method: request.method, path: request.path, attempts: attempt, cause })
  }

  private async waitToRetry(request: ApiRequest, result: Attempt, attempt: number, signal: AbortSignal): Promise<void> {
    const asked = result.kind === 'answer' ? result : {}
    const delayMs = retryDelayMs(attempt, this.options.retry, asked, this.options.random, this.options.now())
    const reason = result.kind === 'answer' ? `status ${result.status}` : describeNetworkError(result.error)
    this.options.onRetry?.({ method: request.method, path: request.path, attempt, delayMs, reason })
    // A rate limit holds every request to the host (the wait happens in the next try); other failures wait alone.
    if (result.kind === 'answer' && result.status === 429)
      this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + delayMs)
    else await sleepUnlessAborted(this.options.sleep, delayMs, signal)
  }

  private async send(request: ApiRequest, attempt: number, signal: AbortSignal): Promise<Attempt> {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    const headers = await this.headersFor(request, signal)
    const timeout = linkSignals([signal], this.options.requestTimeoutMs)
    try {
      const answer = await this.pool.request({
        method: request.method,
        path: `${this.prefix}${request.path}${query}`,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: timeout.signal,
      })
      const { maxResponseBytes } = this.options
      return await readAnswer(request, answer, { attempt, maxResponseBytes, dialect: this.dialect })
    } finally {
      timeout.dispose()
    }
  }

  /** The dialect's headers, then the auth's, asked now: a session renewed since the last try sends its new token. */
  private async headersFor(request: ApiRequest, signal: AbortSignal): Promise<Record<string, string>> {
    const { headers, bodyHeaders, auth } = this.dialect
    const forBody =
      request.body === undefined
        ? {}
        : request.contentType
          ? { ...bodyHeaders, 'content-type': request.contentType }
          : bodyHeaders
    const user = { 'user-agent': this.options.userAgent ?? 'user-provisioning-action' }
    return { ...user, ...headers, ...forBody, ...lowerCaseNames(await auth.headers(signal)) }
  }

  private cancelled(request: ApiRequest, attempts: number): ApiError {
    return new ApiError({ method: request.method, path: request.path, attempts, cause: new Error('cancelled') })
  }
}
