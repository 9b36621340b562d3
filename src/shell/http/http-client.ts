import { setMaxListeners } from 'node:events'
import { setTimeout as delay } from 'node:timers/promises'
import { Pool } from 'undici'
import { ApiError, UnexpectedAnswerError } from './api-error.js'
import { ConcurrencyLimit } from './limit-concurrency.js'
import { linkSignals, sleepUnlessAborted } from './link-signals.js'
import { describeNetworkError, isNetworkError, scrubError } from './network-error.js'
import { readAnswer, type Attempt } from './read-answer.js'
import { MAX_RESPONSE_BYTES } from './read-answer-body.js'
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry-delay.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiRequest {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly body?: unknown
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
  /** The server's X-GDC-TRACE-ID, token redacted, for errors about what the answer held. */
  readonly traceId?: string | undefined
}

export interface HttpClientOptions {
  /** Normalised origin, possibly with a path prefix: https://host[/prefix]. */
  readonly host: string
  readonly token: string
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
}

const JSON_API = 'application/vnd.gooddata.api+json'

type Defaulted = 'retry' | 'sleep' | 'random' | 'now' | 'requestTimeoutMs' | 'maxResponseBytes'
type Settings = HttpClientOptions & Required<Pick<HttpClientOptions, Defaulted>>

/** JSON over HTTP to one host: bearer auth, keep-alive pool, bounded concurrency and size, retries, typed errors. */
export class HttpClient {
  private readonly pool: Pool
  private readonly prefix: string
  private readonly limit: ConcurrencyLimit
  /** Aborted by close(): nothing is sent, and nothing retried, against a closed pool. */
  private readonly closing = new AbortController()
  private closed: Promise<void> | undefined
  /** When the server last said to wait (429), every request to it waits until then, not only the one told. */
  private pausedUntil = 0
  private readonly options: Settings

  constructor(options: HttpClientOptions) {
    const url = new URL(options.host)
    this.prefix = url.pathname.replace(/\/+$/, '')
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

  /** Cancels what is in flight and closes the connections; safe to call more than once. */
  async close(): Promise<void> {
    this.closed ??= (this.closing.abort(), this.pool.close())
    await this.closed
  }

  private async tryUntilDone(request: ApiRequest, signal: AbortSignal): Promise<ApiResponse> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.limit
        .run(async () => {
          // Waiting here, inside the bound, holds every request to this host while the server asked for quiet.
          const pause = this.pausedUntil - this.options.now()
          if (pause > 0) await sleepUnlessAborted(this.options.sleep, pause, signal)
          if (signal.aborted) throw new Error('cancelled')
          return this.send(request, attempt, signal)
        })
        .catch((error: unknown): Attempt => ({ kind: 'network', error }))
      if (result.kind === 'answer' && !result.error) {
        return { status: result.status, body: result.body, attempts: attempt, traceId: result.traceId }
      }
      const final = this.finalError(request, result, attempt, signal)
      if (final) throw final
      await this.waitToRetry(request, result, attempt, signal)
      if (signal.aborted) throw this.cancelled(request, attempt)
    }
  }

  /** The error a failed try ends the request with, or undefined when another try is worth it. */
  private finalError(request: ApiRequest, result: Attempt, attempt: number, signal: AbortSignal): ApiError | undefined {
    const retryable =
      result.kind === 'network'
        ? isNetworkError(result.error)
        : !(result.error instanceof UnexpectedAnswerError) && isRetryableStatus(result.status, request.method)
    const last = !retryable || attempt >= this.options.retry.maxAttempts
    if (result.kind === 'answer' && last) return result.error
    if (signal.aborted) return this.cancelled(request, attempt)
    if (result.kind === 'answer' || !last) return undefined
    const cause = scrubError(result.error, this.options.token)
    return new ApiError({ method: request.method, path: request.path, attempts: attempt, cause })
  }

  private async waitToRetry(request: ApiRequest, result: Attempt, attempt: number, signal: AbortSignal): Promise<void> {
    const asked = result.kind === 'answer' ? result : {}
    const delayMs = retryDelayMs(attempt, this.options.retry, asked, this.options.random, this.options.now())
    const reason = result.kind === 'answer' ? `status ${result.status}` : describeNetworkError(result.error)
    this.options.onRetry?.({ method: request.method, path: request.path, attempt, delayMs, reason })
    // A rate limit holds every request to the host (the wait happens in the next try); other failures wait alone.
    if (result.kind === 'answer' && result.status === 429) this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + delayMs)
    else await sleepUnlessAborted(this.options.sleep, delayMs, signal)
  }

  private async send(request: ApiRequest, attempt: number, signal: AbortSignal): Promise<Attempt> {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: `${JSON_API}, application/json;q=0.9, application/problem+json;q=0.8`,
      'user-agent': this.options.userAgent ?? 'user-provisioning-action',
    }
    if (request.body !== undefined) {
      headers['content-type'] = JSON_API
      headers['x-gdc-validate-relations'] = 'true'
    }
    const timeout = linkSignals([signal], this.options.requestTimeoutMs)
    try {
      const answer = await this.pool.request({
        method: request.method,
        path: `${this.prefix}${request.path}${query}`,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: timeout.signal,
      })
      const { token, maxResponseBytes } = this.options
      return await readAnswer(request, answer, { attempt, token, maxResponseBytes })
    } finally {
      timeout.dispose()
    }
  }

  private cancelled(request: ApiRequest, attempts: number): ApiError {
    return new ApiError({ method: request.method, path: request.path, attempts, cause: new Error('cancelled') })
  }
}
