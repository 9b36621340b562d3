import { isJsonObject } from '../../http/checked-answer.js'
import type { Auth, Dialect, ErrorBodyFields } from '../../http/dialect.js'
import type { HttpMethod } from '../../http/http-client.js'

/**
 * Headers on every request. `X-GDC-VERSION: 2` is what the recorded Ruby SDK sends against the
 * same resources (wire facts §A0); plain `application/json` is all these resources answer.
 */
export const PLATFORM_HEADERS = { accept: 'application/json', 'x-gdc-version': '2' } as const

/** The platform echoes the client's X-GDC-Request, extended, on every answer (wire facts §A0): the trace id. */
export const TRACE_HEADER = 'x-gdc-request'

/** At most this many `%s` are filled: a message is one sentence, never a template of thousands. */
const MAX_PARAMETERS = 20

/**
 * How the `/gdc` API speaks: a session's temporary token on every request, JSON both ways, four
 * error envelopes (wire facts §A7). A POST is never sent again after a 5xx: a domain user, a group
 * or a batch of project users could be created twice, or a login open a second session.
 */
export function goodDataPlatformDialect(auth: Auth): Dialect {
  return {
    auth,
    headers: PLATFORM_HEADERS,
    traceIdHeader: TRACE_HEADER,
    readErrorBody: readPlatformError,
    mayRepeat: (method: HttpMethod) => method === 'GET' || method === 'PUT' || method === 'DELETE',
  }
}

/**
 * The four envelopes of wire facts §A7 as title, detail and trace id:
 * - Java "Webapp": `{error: {errorClass, message, parameters, errorCode, errorId, …}}`;
 * - Perl "GDC::": `{error: {errorClass, message, parameters, requestId, component}}`;
 * - the gateway's 401 and plumbing: `{error: {code, message, description}}`;
 * - the login's bare 401: `{component, message, parameters}`.
 * The title is the message with its `%s` filled from `parameters` in order, as the platform
 * writes them; the gateway's description is the detail. A Perl `requestId` extends the trace id.
 */
export function readPlatformError(body: unknown): ErrorBodyFields {
  if (!isJsonObject(body)) return {}
  const envelope = isJsonObject(body['error']) ? body['error'] : body
  const message = text(envelope['message'])
  const title = message === undefined ? text(envelope['errorClass']) : fillParameters(message, envelope['parameters'])
  return { title, detail: text(envelope['description']), traceId: text(envelope['requestId']) }
}

/** `Checking '%s', result %s` with ['a', 1] → `Checking 'a', result 1`; placeholders without a parameter stay. */
export function fillParameters(message: string, parameters: unknown): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return message
  let next = 0
  return message.replace(/%s/g, (placeholder) => {
    if (next >= parameters.length || next >= MAX_PARAMETERS) return placeholder
    const value: unknown = parameters[next++]
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : (JSON.stringify(value) ?? '')
  })
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
