import { errors as undiciErrors } from 'undici'
import { redactSecrets } from '../secrets/redact-secrets.js'

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/** Whether a request that got no answer is worth another try. */
export function isNetworkError(error: unknown): boolean {
  // A closed pool stays closed: another try could only fail the same way.
  if (error instanceof undiciErrors.ClientDestroyedError || error instanceof undiciErrors.ClientClosedError)
    return false
  // A request undici refuses to send (a header it cannot carry) fails the same way every time.
  if (error instanceof undiciErrors.InvalidArgumentError) return false
  if (error instanceof undiciErrors.UndiciError) return true
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && NETWORK_CODES.has(code)
}

/** Connection failures that happen before a byte of the request is sent: safe to retry for any method. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])

/** Whether a request that got no answer certainly never reached the server. */
export function wasNeverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && NEVER_SENT_CODES.has(code)
}

/** A short reason for a retry log line: the error code, else its name. */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'network error'
}

/** An Error safe to carry as a cause: its message without any form of any secret. */
export function scrubError(error: unknown, secrets: readonly string[]): Error {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | undefined)?.code
  return new Error(redactSecrets(typeof code === 'string' ? `${code}: ${message}` : message, secrets))
}

/**
 * What a failure to reach a host that has never answered most likely means: nothing listens there
 * (a wrong port or host), or it speaks plain HTTP to an https:// URL. Undefined for other failures.
 */
export function firstContactHint(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } } | undefined)?.code ??
    (error as { cause?: { code?: unknown } } | undefined)?.cause?.code
  if (code === 'ECONNREFUSED') return 'nothing answers at that address: check the host and its port'
  if (code === 'ENOTFOUND') return 'no such host: check its spelling'
  if (typeof code === 'string' && (code.startsWith('ERR_SSL') || code === 'EPROTO'))
    return 'the host does not speak TLS there: should the URL be http:// (loopback only), or is the port wrong?'
  return undefined
}
