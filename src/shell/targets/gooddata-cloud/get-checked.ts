import { UnexpectedAnswerError } from '../../http/api-error.js'
import type { ApiRequest, HttpClient } from '../../http/http-client.js'

/**
 * GETs a document and answers it once `problemIn` finds nothing wrong with its shape; otherwise an
 * UnexpectedAnswerError that names the request and the problem.
 */
export async function getChecked<T>(
  client: HttpClient,
  request: Omit<ApiRequest, 'method'>,
  problemIn: (body: unknown) => string | undefined,
): Promise<T> {
  const { status, body, traceId, attempts } = await client.request({ ...request, method: 'GET' })
  const problem = problemIn(body)
  if (problem === undefined) return body as T
  throw new UnexpectedAnswerError({ status, method: 'GET', path: request.path, traceId, problem, attempts })
}
