import type { Dispatcher } from 'undici'
import { redactSecrets } from '../secrets/redact-secrets.js'
import { ApiError, UnexpectedAnswerError } from './api-error.js'
import type { ErrorBodyFields, ResolvedDialect } from './dialect.js'
import type { ApiRequest } from './http-client.js'
import { decodeJsonBody, formatBytes, readBoundedText } from './read-answer-body.js'

/** One try: an answer (an error when it is not one the caller takes) or no answer at all. */
export type Attempt =
  | {
      readonly kind: 'answer'
      readonly status: number
      readonly body: unknown
      readonly traceId: string | undefined
      readonly retryAfter: string | undefined
      readonly rateLimitReset: string | undefined
      readonly rateLimitRemaining: string | undefined
      readonly error: ApiError | undefined
    }
  | { readonly kind: 'network'; readonly error: unknown }

interface AnswerContext {
  readonly attempt: number
  readonly maxResponseBytes: number
  readonly dialect: ResolvedDialect
}

/**
 * An answer as a try: its body read up to the size cap and decoded; an error when its status is
 * not one the caller takes, or when a 2xx body is not JSON. What can be printed is redacted.
 */
export async function readAnswer(
  request: ApiRequest,
  answer: Dispatcher.ResponseData,
  context: AnswerContext,
): Promise<Attempt> {
  const { dialect } = context
  const secrets = dialect.auth.secrets()
  const printable = (text: string) => redactPrintable(text, secrets)
  const header = (name: string) => {
    const value = answer.headers[name]
    return typeof value === 'string' ? printable(value) : undefined
  }
  const { statusCode: status } = answer
  const traceId = dialect.traceIdHeader === undefined ? undefined : header(dialect.traceIdHeader)
  const base = {
    kind: 'answer',
    status,
    traceId,
    retryAfter: header('retry-after'),
    rateLimitReset: header('x-ratelimit-reset'),
    rateLimitRemaining: header('x-ratelimit-remaining'),
  } as const
  const { method, path } = request
  const { attempt: attempts, maxResponseBytes } = context
  const fault = (problem: string) =>
    new UnexpectedAnswerError({ status, method, path, traceId, problem: printable(problem), attempts })
  const text = await readBoundedText(answer.body, answer.headers['content-length'], maxResponseBytes)
  if (text === undefined) {
    return {
      ...base,
      body: undefined,
      error: fault(`the body is larger than ${formatBytes(maxResponseBytes)}, the most this reads`),
    }
  }
  const decoded = decodeJsonBody(text, String(answer.headers['content-type'] ?? ''))
  const body = decoded.ok ? decoded.body : undefined
  if (status >= 200 && status < 300) return { ...base, body, error: decoded.ok ? undefined : fault(decoded.problem) }
  if (request.expect?.includes(status)) return { ...base, body, error: undefined }
  const said = body === undefined ? undefined : dialect.readErrorBody(body)
  return { ...base, body, error: problemError(request, { status, said, text, traceId, attempts }, printable) }
}

/** An error answer as an ApiError: what the dialect read from its body, else the start of the text. */
function problemError(
  request: ApiRequest,
  answer: {
    readonly status: number
    readonly said: ErrorBodyFields | undefined
    readonly text: string
    readonly traceId: string | undefined
    readonly attempts: number
  },
  printable: (text: string) => string,
): ApiError {
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? printable(value) : undefined)
  const excerpt = answer.said === undefined ? str(answer.text)?.slice(0, 200) : undefined
  return new ApiError({
    status: answer.status,
    method: request.method,
    path: request.path,
    traceId: str(answer.said?.traceId) ?? answer.traceId,
    title: str(answer.said?.title),
    detail: str(answer.said?.detail) ?? excerpt,
    attempts: answer.attempts,
  })
}

/** Server text as it may be printed: no form of any secret, at most 500 characters. */
function redactPrintable(text: string, secrets: readonly string[]): string {
  // Redacted whole before it is cut: a cut could leave the start of a secret that redaction would not know.
  return redactSecrets(text, secrets).slice(0, 500)
}
