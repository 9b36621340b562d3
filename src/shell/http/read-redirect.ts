import { request } from 'undici'
import { redactSecrets } from '../secrets/redact-secrets.js'
import { ApiError } from './api-error.js'
import { scrubError } from './network-error.js'

/** What a redirect answer said: its status, where it points, its trace id; all redacted. */
export interface RedirectAnswer {
  readonly status: number
  readonly location: string | undefined
  readonly traceId: string | undefined
}

export interface ReadRedirectOptions {
  /** Every header of the request, credentials included. */
  readonly headers: Readonly<Record<string, string>>
  /** What must never be printed: the answer's headers are redacted of them. */
  readonly secrets: readonly string[]
  readonly traceIdHeader?: string
  readonly signal?: AbortSignal
  readonly timeoutMs?: number
}

/**
 * One GET answered by a redirect, read without following it: where it points. For the resource
 * that says something only in `Location` (the legacy platform's current profile, a 307 with no
 * body), which the JSON transport does not hand back. One try; the caller decides what a status
 * means and whether to try again. No answer at all is an ApiError without a status.
 */
export async function readRedirect(host: string, path: string, options: ReadRedirectOptions): Promise<RedirectAnswer> {
  const url = new URL(host)
  const prefix = url.pathname.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 30_000
  try {
    const answer = await request(`${url.origin}${prefix}${path}`, {
      method: 'GET',
      headers: { ...options.headers },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    // A redirect has no body worth reading; drop whatever came, up to a little, to free the socket.
    await answer.body.dump({ limit: 64 * 1024 })
    const header = (name: string | undefined) => {
      const value = name === undefined ? undefined : answer.headers[name]
      return typeof value === 'string' ? redactSecrets(value, options.secrets).slice(0, 500) : undefined
    }
    return {
      status: answer.statusCode,
      location: header('location'),
      traceId: header(options.traceIdHeader?.toLowerCase()),
    }
  } catch (error) {
    throw new ApiError({ method: 'GET', path, attempts: 1, cause: scrubError(error, options.secrets) })
  }
}
