import type { PlumbingAnswers, RenderedAnswer } from '../shared/api-server.js'
import type { RouteAnswer } from '../shared/route-answer.js'

/** GoodData's JSON:API content type. */
export const JSON_API = 'application/vnd.gooddata.api+json'
const PROBLEM = 'application/problem+json'

/** GoodData's answers to what the shared server decides: auth, unreadable JSON, rate limit, faults. */
export const PLUMBING_ANSWERS: PlumbingAnswers = {
  unauthorized: () => ({
    status: 401,
    body: { detail: 'Authorization failed: missing or invalid bearer token.', title: 'Unauthorized' },
  }),
  invalidJson: () => ({ status: 400, body: { detail: 'Request body is not valid JSON.', title: 'Bad Request' } }),
  // The documented 429 body is plain JSON, not problem+json.
  rateLimited: (headers) => ({
    status: 429,
    body: { error: 'Too Many Requests', message: 'Rate limit exceeded. Try again later.' },
    headers,
    contentType: 'application/json',
  }),
  fault: (fault) => {
    if (fault === '400' || fault === '403') {
      const title = fault === '400' ? 'Bad Request' : 'Forbidden'
      return { status: Number(fault), body: { detail: `Injected ${title.toLowerCase()}.`, title } }
    }
    // 5xx answers carry no details, only the trace id (GoodData's error documentation).
    const title = fault === '503' ? 'Service Unavailable' : 'Internal Server Error'
    return { status: Number(fault), body: { detail: title, title } }
  },
}

/** The headers that name a request in an answer. */
export function traceHeaders(traceId: string): Record<string, string> {
  return { 'x-gdc-trace-id': traceId }
}

/** An answer as GoodData writes it: problem bodies carry the status and trace id; no caching. */
export function renderAnswer(
  answer: RouteAnswer,
  request: { readonly path: string; readonly accept: string | undefined },
  traceId: string,
): RenderedAnswer {
  const contentType = answer.contentType ?? contentTypeFor(request.path, answer, request.accept)
  const problem = contentType === PROBLEM && answer.body !== undefined
  const body = problem ? { ...(answer.body as object), status: answer.status, traceId } : answer.body
  const headers = {
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
    ...traceHeaders(traceId),
    expires: '0',
    pragma: 'no-cache',
    'x-content-type-options': 'nosniff',
    ...answer.headers,
  }
  return { contentType, headers, body }
}

/**
 * Errors are problem+json; the profile, layouts and actions are plain JSON, and an empty layout or
 * action answer has no content type (test_manage_user_permissions.yaml, put_declarative_users.yaml);
 * entities are the JSON:API type, their empty answers too, unless the client accepts only
 * application/json (the recordings show both).
 */
function contentTypeFor(path: string, answer: RouteAnswer, accept: string | undefined): string | undefined {
  if (answer.status >= 400 && answer.status !== 429) return PROBLEM
  if (/^\/api\/v1\/(layout|actions)\//.test(path)) return answer.body === undefined ? undefined : 'application/json'
  if (path === '/api/v1/profile') return 'application/json'
  const onlyPlainJson = accept?.includes('application/json') && !accept.includes(JSON_API)
  return onlyPlainJson && answer.status !== 204 && answer.status !== 302 ? 'application/json' : JSON_API
}
