import type { PlumbingAnswers, RenderedAnswer } from '../shared/api-server.js'
import type { RouteAnswer } from '../shared/route-answer.js'

/** Field name → messages, as a validation error's `detail` carries them (Django REST framework's shape). */
export type FieldErrors = Record<string, string[]>

/** The description's own wording (components.responses.ValidationError example), without DRF's full stop. */
export const REQUIRED = 'This field is required'

/** The error envelope of the description's `Error` response. */
export function errorBody(error_code: string, message: string, detail?: FieldErrors) {
  return { error_code, message, ...(detail === undefined ? {} : { detail }) }
}

export const notFound = (): RouteAnswer => ({ status: 404, body: errorBody('not_found', 'Not found.') })

export const invalid = (detail: FieldErrors): RouteAnswer => ({ status: 400, body: validationError(detail) })

/** The body of a 400 validation error, also the `error` of a failed batch item (wire facts §C O2). */
export const validationError = (detail: FieldErrors) => errorBody('validation_error', 'Invalid input', detail)

export const badRequest = (message: string): RouteAnswer => ({ status: 400, body: errorBody('bad_request', message) })

/** DRF's wording; 405 is not in the description, which lists only the methods each path has. */
export const methodNotAllowed = (method: string): RouteAnswer => ({
  status: 405,
  body: errorBody('method_not_allowed', `Method "${method}" not allowed.`),
})

/**
 * Nothing is documented for 401, 403 or 429 (wire facts §B2): the codes are placeholders of
 * wire facts §C O6, and clients must key on the status only.
 */
export const PLUMBING_ANSWERS: PlumbingAnswers = {
  unauthorized: () => ({
    status: 401,
    body: errorBody('unauthorized', 'Authentication credentials were missing or invalid.'),
  }),
  // A validation error fits both the `default` Error and the ValidationError that some 400s are declared as.
  invalidJson: () => invalid({ non_field_errors: ['JSON parse error: the request body is not valid JSON.'] }),
  rateLimited: (headers) => ({
    status: 429,
    body: errorBody('too_many_requests', 'Request was throttled. Try again later.'),
    headers,
  }),
  fault: (fault) => {
    if (fault === '400') return badRequest('Bad request: the server did not understand the request parameters.')
    if (fault === '403')
      return { status: 403, body: errorBody('forbidden', 'You do not have permission to perform this action.') }
    if (fault === '503')
      return { status: 503, body: errorBody('service_unavailable', 'The service is temporarily unavailable.') }
    return { status: 500, body: errorBody('internal_error', 'A server error occurred.') }
  },
}

/** Every answer is plain JSON; 5xx bodies carry the trace id, as the description's `internal_error` example does. */
export function renderAnswer(answer: RouteAnswer, traceId: string): RenderedAnswer {
  const empty = answer.body === undefined
  const contentType = answer.contentType ?? (empty ? '' : 'application/json')
  const traced = answer.status >= 500 && !empty ? { ...(answer.body as object), trace_id: traceId } : answer.body
  const headers = { ...(contentType === '' ? {} : { 'content-type': contentType }), ...answer.headers }
  return { contentType, headers, body: traced }
}

/** A UUID-shaped trace id, as in the description's example, from the seeded random sequence. */
export function traceIdFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
