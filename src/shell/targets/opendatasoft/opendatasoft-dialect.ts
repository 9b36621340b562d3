import type { Dialect, ErrorBodyFields } from '../../http/dialect.js'
import { isJsonObject } from '../../http/checked-answer.js'
import { staticHeaderAuth } from '../../http/static-header-auth.js'

/** At most this many field messages of a validation error are kept: the first ones say what to fix. */
const MAX_FIELD_MESSAGES = 5

/**
 * How the Automation API speaks: `Authorization: apikey <key>` with the scheme word exactly as the
 * description writes it (wire facts §C O10), never the documented `?apikey=` query form, which
 * would put the key in URLs that proxies and logs keep. Plain JSON both ways; errors are
 * `{error_code, message, detail?, trace_id?}` (wire facts §B2). No trace-id header is documented:
 * the id comes in 5xx bodies. Retries after a 5xx keep the default (GET, PUT, DELETE): an invite,
 * a provision, a group create or a member batch sent twice could act twice.
 */
export function opendatasoftDialect(apiKey: string): Dialect {
  return {
    auth: staticHeaderAuth({ name: 'authorization', scheme: 'apikey', secret: apiKey }),
    readErrorBody: readOpendatasoftError,
  }
}

/**
 * The error envelope as title (the message, else the code), detail (a validation error's fields
 * flattened to `email: This field is required; username: …`, or a text detail) and trace id.
 * Used for error answers and for the `error` of a failed batch item (wire facts §C O2), whose
 * inner shape is not documented: anything else in it is left out rather than guessed at.
 */
export function readOpendatasoftError(body: unknown): ErrorBodyFields {
  if (!isJsonObject(body)) return {}
  const title = text(body['message']) ?? text(body['error_code'])
  const detail = text(body['detail']) ?? flattenFieldErrors(body['detail'])
  return { title, detail, traceId: text(body['trace_id']) }
}

/** `field: message message; other.field: message`, the first few only; undefined when there is nothing to say. */
function flattenFieldErrors(detail: unknown): string | undefined {
  const lines: string[] = []
  const visit = (value: unknown, at: string, depth: number): void => {
    if (lines.length >= MAX_FIELD_MESSAGES || depth > 3) return
    if (typeof value === 'string') {
      if (value.trim() !== '') lines.push(at === '' ? value : `${at}: ${value}`)
      return
    }
    // DRF lists a field's messages; one line per field reads better than one per message.
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) visit(value.join(' '), at, depth)
    else if (Array.isArray(value))
      for (const [index, item] of value.entries()) visit(item, `${at}[${index}]`, depth + 1)
    else if (isJsonObject(value))
      for (const [key, item] of Object.entries(value)) visit(item, at === '' ? key : `${at}.${key}`, depth + 1)
  }
  visit(detail, '', 0)
  return lines.length === 0 ? undefined : lines.join('; ')
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
