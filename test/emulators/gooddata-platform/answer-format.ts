import { createHash } from 'node:crypto'
import type { PlumbingAnswers, RenderedAnswer } from '../shared/api-server.js'
import type { RouteAnswer } from '../shared/route-answer.js'

/** The Java "Webapp" resources' type: login, profiles, domain and project users, roles (wire facts §A0). */
export const WEBAPP_JSON = 'application/json;charset=UTF-8'
/** `/gdc/account/token` and the user groups of the 2022 recordings (wire facts §A0). */
export const PLAIN_JSON = 'application/json'
/** The front gateway's 401 (auth_tt_expired_then_refreshed.yaml). */
const GATEWAY_JSON = 'application/json; charset=utf-8'
const REALM = 'GoodData realm="GoodData API"'

/**
 * The errorCode (and, where wire facts §C names none, the errorClass) of errors no recording
 * shows: plainly not the platform's, so a client keying on them fails here first (wire facts §C G6).
 */
export const UNVERIFIED = 'EMULATOR_UNVERIFIED'
export const UNVERIFIED_CLASS = 'EmulatorUnverifiedException'
export const MALFORMED = 'com.gooddata.json.validator.exception.MalformedMessageException'
const FORBIDDEN = 'com.gooddata.security.authorization.AuthorizationFailedException'

/** The Java family (wire facts §A7.1); `errorId` is filled in per request when the answer is written. */
export function webappError(
  status: number,
  errorClass: string,
  message: string,
  errorCode = UNVERIFIED,
  parameters: unknown[] = [],
): RouteAnswer {
  return {
    status,
    body: { error: { errorClass, trace: '', message, component: 'Webapp', errorId: '', errorCode, parameters } },
  }
}

/** The Perl family (wire facts §A7.2); `requestId` is filled in per request. */
export function perlError(
  status: number,
  errorClass: string,
  message: string,
  parameters: unknown[],
  component = 'Projects',
): RouteAnswer {
  return { status, body: { error: { parameters, requestId: '', component, errorClass, message } } }
}

export const malformed = (message: string): RouteAnswer => webappError(400, MALFORMED, message)

/** As recorded for a non-admin asking for the domain's users (domain_users_forbidden_non_admin.yaml). */
export const notDomainAdmin = (): RouteAnswer =>
  webappError(403, FORBIDDEN, 'Can be accessed only by domain admin', 'gdc.security.authorization')

/** The class and code of a Java 404 (wire facts §C G8); the message is ours. */
export const notFound = (what: string): RouteAnswer =>
  webappError(
    404,
    'com.gooddata.commons.http.exception.NotFoundException',
    `${what} not found`,
    'gdc.http.client.status.404',
  )

/** The gateway's answer to a missing or expired TT, body and headers as recorded (wire facts §A1.3). */
export function expiredTemporaryToken(): RouteAnswer {
  const description =
    "This server could not verify that you are authorized to access the document requested. Either you supplied the wrong credentials (e.g., bad password), or your browser doesn't understand how to supply the credentials required"
  const documentation = 'https://help.gooddata.com/display/developer/API+Reference#/reference/authentication/log-in'
  return {
    status: 401,
    body: { error: { code: 401, message: 'Authorization Required', description, links: { documentation } } },
    contentType: GATEWAY_JSON,
    // The recorded cookie also names the host's Domain, which an IP origin cannot carry.
    headers: {
      'www-authenticate': `${REALM} cookie=GDCAuthTT`,
      'set-cookie': `GDCAuthTT=; Max-Age=0; Expires=${new Date().toUTCString()}; Path=/gdc; Secure; HTTPOnly; SameSite=None`,
    },
  }
}

/** An unknown or expired SST on `/gdc/account/token`: no body (auth_token_sst_invalid.yaml). */
export function invalidSuperSecuredToken(): RouteAnswer {
  return {
    status: 401,
    headers: {
      'www-authenticate': `${REALM} cookie=GDCAuthSST location=/gdc/account/login`,
      'set-cookie': 'GDCAuthSST=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/gdc/account; Secure',
    },
  }
}

/** Wrong login or password: a bare body, not wrapped in `error` (auth_login_bad_credentials.yaml). */
export function badCredentials(): RouteAnswer {
  return {
    status: 401,
    body: { component: 'Webapp', message: 'Bad Login or Password!', parameters: [] },
    headers: { 'www-authenticate': REALM },
  }
}

/**
 * No 429 or 5xx was ever recorded, nor any rate limit (wire facts §A7, §C G10): 429 (with the
 * shared Retry-After) and 503 are answered as the front gateway answers 401, the others in the
 * Java family; every code is ours.
 */
export const PLUMBING_ANSWERS: PlumbingAnswers = {
  unauthorized: expiredTemporaryToken,
  invalidJson: () => malformed('The request body is not valid JSON.'),
  rateLimited: (headers) => gatewayError(429, 'Too Many Requests', headers),
  fault: (fault) => {
    if (fault === '503') return gatewayError(503, 'Service Unavailable')
    if (fault === '400') return malformed('Injected bad request.')
    if (fault === '403') return webappError(403, FORBIDDEN, 'Injected forbidden.')
    return webappError(500, UNVERIFIED_CLASS, 'Injected internal error.')
  },
}

function gatewayError(status: number, message: string, headers: Record<string, string> = {}): RouteAnswer {
  return {
    status,
    body: { error: { code: status, message, description: `${message}: ${UNVERIFIED}` } },
    contentType: GATEWAY_JSON,
    headers,
  }
}

/**
 * An answer as the platform writes it: the X-GDC-Request echo on every answer, no Content-Type
 * without a body (204, 307, 200 of a deleted profile: wire facts §A0), and the per-request ids
 * of error bodies derived from the request id.
 */
export function renderAnswer(answer: RouteAnswer, requestId: string): RenderedAnswer {
  const contentType = answer.body === undefined ? '' : (answer.contentType ?? WEBAPP_JSON)
  const headers = {
    ...(contentType === '' ? {} : { 'content-type': contentType }),
    'cache-control': 'no-cache, no-store, must-revalidate',
    'x-gdc-request': requestId,
    ...answer.headers,
  }
  return { contentType, headers, body: withErrorIds(answer.body, requestId) }
}

/** Webapp errors carry a UUID; Perl errors repeat the request id with more segments (wire facts §A0). */
function withErrorIds(body: unknown, requestId: string): unknown {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error
  if (!error || typeof error !== 'object') return body
  const hash = createHash('sha256').update(requestId).digest('hex')
  if ('errorId' in error) {
    const errorId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`
    return { error: { ...error, errorId } }
  }
  if ('requestId' in error) return { error: { ...error, requestId: `${requestId}:${hash.slice(0, 16)}` } }
  return body
}
