import { UnexpectedAnswerError } from './api-error.js'
import type { ApiResponse, HttpMethod } from './http-client.js'

/**
 * What is wrong with the shape of an answer's body, or undefined. A problem names the field
 * (`"results[3].username" is missing`) and never quotes what the server sent: server text is
 * printed only through the transport, which redacts and cuts it.
 */
export type ShapeCheck = (body: unknown) => string | undefined

/** The body of an answer once `problemIn` finds nothing wrong with it; else an UnexpectedAnswerError naming the request. */
export function checkedBody<T>(
  request: { readonly method: HttpMethod; readonly path: string },
  answer: ApiResponse,
  problemIn: ShapeCheck,
): T {
  const problem = problemIn(answer.body)
  if (problem === undefined) return answer.body as T
  const { status, traceId, attempts } = answer
  throw new UnexpectedAnswerError({ status, method: request.method, path: request.path, traceId, problem, attempts })
}

/** A JSON object: not an array, not null. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `"field" is missing` when it is absent, else `"field" is not <expected>`. */
export function fieldProblem(field: string, expected: string, value: unknown): string {
  return value === undefined ? `"${field}" is missing` : `"${field}" is not ${expected}`
}

/** Why a whole body is not a JSON object, or undefined when it is one. */
export function objectBodyProblem(body: unknown): string | undefined {
  if (isJsonObject(body)) return undefined
  return body === undefined ? 'the body is empty' : 'the body is not a JSON object'
}
