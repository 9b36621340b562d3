import type { HttpMethod } from './http-client.js'

/** What an error answer's body says, in the API's own words; every field may be missing. */
export interface ErrorBodyFields {
  readonly title?: string | undefined
  readonly detail?: string | undefined
  readonly traceId?: string | undefined
}

/**
 * How requests authenticate. `headers()` is asked before every try, so renewed credentials take
 * effect at once. After a 401, `onUnauthorized()` may renew them and answer true to have the
 * request tried once more; it is asked at most once per request, and requests failing together
 * ask together, so a session renews once for all of them. A session sends its own requests
 * through a client of its own: every slot of this one may be waiting on it.
 */
export interface Auth {
  headers(signal: AbortSignal): Promise<Readonly<Record<string, string>>>
  onUnauthorized?(signal: AbortSignal): Promise<boolean>
  /** Every secret it holds now (key, password, tokens); no form of any of them is ever printed. */
  secrets(): readonly string[]
}

/** How one API speaks over HTTP: everything the transport leaves to the target. */
export interface Dialect {
  readonly auth: Auth
  /** Headers on every request; `accept` is application/json unless given. */
  readonly headers?: Readonly<Record<string, string>>
  /** Headers on a request with a body; `content-type` is application/json unless given. */
  readonly bodyHeaders?: Readonly<Record<string, string>>
  /** The answer header that carries the server's trace id, when the API has one. */
  readonly traceIdHeader?: string
  /** Title, detail and trace id from an error answer's JSON body; RFC 9457 problem details unless given. */
  readonly readErrorBody?: (body: unknown) => ErrorBodyFields
  /**
   * Whether a request may be sent again when it may have been carried out (a 5xx, a connection
   * lost after sending). Unless given: GET, PUT and DELETE, which end the same however often sent.
   */
  readonly mayRepeat?: (method: HttpMethod) => boolean
}

/** A dialect with every default filled in and header names in lower case, as Node reports them. */
export interface ResolvedDialect {
  readonly auth: Auth
  readonly headers: Readonly<Record<string, string>>
  readonly bodyHeaders: Readonly<Record<string, string>>
  readonly traceIdHeader: string | undefined
  readonly readErrorBody: (body: unknown) => ErrorBodyFields
  readonly mayRepeat: (method: HttpMethod) => boolean
}

/** `dialect` with the defaults of a plain JSON API where it says nothing. */
export function resolveDialect(dialect: Dialect): ResolvedDialect {
  return {
    auth: dialect.auth,
    headers: { accept: 'application/json', ...lowerCaseNames(dialect.headers ?? {}) },
    bodyHeaders: { 'content-type': 'application/json', ...lowerCaseNames(dialect.bodyHeaders ?? {}) },
    traceIdHeader: dialect.traceIdHeader?.toLowerCase(),
    readErrorBody: dialect.readErrorBody ?? readProblemDetails,
    mayRepeat: dialect.mayRepeat ?? isIdempotent,
  }
}

/** The same headers, names in lower case: a dialect's `Accept` must replace the default `accept`, not join it. */
export function lowerCaseNames(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

function isIdempotent(method: HttpMethod): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE'
}

/** RFC 9457 problem details: `title` and `detail`. */
function readProblemDetails(body: unknown): ErrorBodyFields {
  if (typeof body !== 'object' || body === null) return {}
  const { title, detail } = body as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return { title: text(title), detail: text(detail) }
}
