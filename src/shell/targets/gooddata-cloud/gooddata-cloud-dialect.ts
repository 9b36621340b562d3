import type { Dialect, ErrorBodyFields } from '../../http/dialect.js'
import { staticHeaderAuth } from '../../http/static-header-auth.js'
import { isObject } from './wire.js'

const JSON_API = 'application/vnd.gooddata.api+json'

/** How GoodData Cloud and GoodData.CN speak: bearer token, JSON:API media type, problem+json errors with a trace id. */
export function goodDataCloudDialect(token: string): Dialect {
  return {
    auth: staticHeaderAuth({ name: 'authorization', scheme: 'Bearer', secret: token }),
    headers: { accept: `${JSON_API}, application/json;q=0.9, application/problem+json;q=0.8` },
    bodyHeaders: { 'content-type': JSON_API, 'x-gdc-validate-relations': 'true' },
    traceIdHeader: 'x-gdc-trace-id',
    readErrorBody: readGoodDataError,
    // A repeated create answers 409 and a repeated delete 404, which the target takes as done.
    mayRepeat: () => true,
  }
}

/** problem+json (`title`, `detail`, `traceId`); a 429 is plain JSON with a `message` instead. */
function readGoodDataError(body: unknown): ErrorBodyFields {
  if (!isObject(body)) return {}
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)
  const detail = text(body['detail']) ?? text(body['message'])
  return { title: text(body['title']), detail, traceId: text(body['traceId']) }
}
