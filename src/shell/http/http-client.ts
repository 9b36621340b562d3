import { Pool, errors as undiciErrors } from 'undici'
import { redactSecrets } from '../secrets/redact-secrets.js'
import { ApiError } from './api-error.js'
import { ConcurrencyLimit } from './limit-concurrency.js'
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry-delay.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiRequest {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly body?: unknown
  /** Statuses the caller handles itself: answered, not thrown (e.g. 404 on a delete). */
  readonly expect?: readonly number[]
}

export interface ApiResponse {
  readonly status: number
  readonly body: unknown
  /** How many tries it took; more than 1 means an earlier try may have been carried out. */
  readonly attempts: number
}

export interface HttpClientOptions {
  /** Normalised origin, possibly with a path prefix: https://host[/prefix]. */
  readonly host: string
  readonly token: string
  /** Requests in flight at once to this host, shared by every caller. */
  readonly concurrency?: number
  readonly connectTimeoutMs?: number
  readonly requestTimeoutMs?: number
  readonly retry?: RetryPolicy
  readonly sleep?: (ms: number) => Promise<void>
  readonly random?: () => number
  readonly now?: () => number
  readonly onRetry?: (event: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
  readonly userAgent?: string
}

const JSON_API = 'application/vnd.gooddata.api+json'

/** One try: an answer (an error when its status is not one the caller takes) or no answer at all. */
type Attempt =
  | { kind: 'answer'; status: number; body: unknown; retryAfter: string | undefined; rateLimitReset: string | undefined; error: ApiError | undefined }
  | { kind: 'network'; error: unknown }

/** JSON over HTTP to one host: bearer auth, keep-alive pool, bounded concurrency, retries, typed errors. */
export class HttpClient {
  private readonly pool: Pool
  private readonly prefix: string
  private readonly limit: ConcurrencyLimit
  /** When the server last said to wait (429), every request to it waits until then, not only the one told. */
  private pausedUntil = 0
  private readonly options: HttpClientOptions & Required<Pick<HttpClientOptions, 'retry' | 'sleep' | 'random' | 'now' | 'requestTimeoutMs'>>

  constructor(options: HttpClientOptions) {
    const url = new URL(options.host)
    this.prefix = url.pathname.replace(/\/+$/, '')
    this.options = {
      retry: DEFAULT_RETRY_POLICY,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      now: Date.now,
      requestTimeoutMs: 60_000,
      ...options,
    }
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
    const { retry } = this.options
    for (let attempt = 1; ; attempt++) {
      const result = await this.limit
        .run(async () => {
          // Waiting here, inside the bound, holds every request to this host while the server asked for quiet.
          const pause = this.pausedUntil - this.options.now()
          if (pause > 0) await this.options.sleep(pause)
          return this.send(request, attempt)
        })
        .catch((error: unknown): Attempt => ({ kind: 'network', error }))
      if (result.kind === 'answer' && !result.error) return { status: result.status, body: result.body, attempts: attempt }
      const retryable = result.kind === 'network' ? isNetworkError(result.error) : isRetryableStatus(result.status, request.method)
      if (!retryable || attempt >= retry.maxAttempts) {
        if (result.kind === 'answer') throw result.error
        throw new ApiError({ method: request.method, path: request.path, attempts: attempt, cause: scrub(result.error, this.options.token) })
      }
      const delayMs = retryDelayMs(attempt, retry, result.kind === 'answer' ? result : {}, this.options.random, this.options.now())
      const reason = result.kind === 'answer' ? `status ${result.status}` : describeNetworkError(result.error)
      this.options.onRetry?.({ method: request.method, path: request.path, attempt, delayMs, reason })
      // A rate limit holds every request to the host (the wait happens in the next try); other failures wait alone.
      if (result.kind === 'answer' && result.status === 429) this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + delayMs)
      else await this.options.sleep(delayMs)
    }
  }

  async close(): Promise<void> {
    await this.pool.close()
  }

  private async send(request: ApiRequest, attempt: number): Promise<Attempt> {
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
    const answer = await this.pool.request({
      method: request.method,
      path: `${this.prefix}${request.path}${query}`,
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    })
    const text = await answer.body.text()
    const contentType = String(answer.headers['content-type'] ?? '')
    let body: unknown = undefined
    if (text !== '' && contentType.includes('json')) {
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
    }
    const status = answer.statusCode
    const header = (name: string) => (typeof answer.headers[name] === 'string' ? (answer.headers[name] as string) : undefined)
    const ok = (status >= 200 && status < 300) || (request.expect?.includes(status) ?? false)
    const error = ok ? undefined : this.toApiError(request, status, body, text, header('x-gdc-trace-id'), attempt)
    return { kind: 'answer', status, body, retryAfter: header('retry-after'), rateLimitReset: header('x-ratelimit-reset'), error }
  }

  private toApiError(request: ApiRequest, status: number, body: unknown, text: string, traceHeader: string | undefined, attempts: number): ApiError {
    const problem = (body ?? {}) as { title?: unknown; detail?: unknown; traceId?: unknown; message?: unknown }
    const str = (value: unknown) => (typeof value === 'string' && value !== '' ? redactSecrets(value, [this.options.token]).slice(0, 500) : undefined)
    return new ApiError({
      status,
      method: request.method,
      path: request.path,
      traceId: str(problem.traceId) ?? traceHeader,
      title: str(problem.title),
      detail: str(problem.detail) ?? str(problem.message) ?? (body === undefined ? str(text.slice(0, 200)) : undefined),
      attempts,
    })
  }
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

function isNetworkError(error: unknown): boolean {
  if (error instanceof undiciErrors.UndiciError) return true
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && NETWORK_CODES.has(code)
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'network error'
}

/** An Error safe to carry as a cause: its message without any form of the token. */
function scrub(error: unknown, token: string): Error {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | undefined)?.code
  return new Error(redactSecrets(typeof code === 'string' ? `${code}: ${message}` : message, [token]))
}
