import { ApiError, UnexpectedAnswerError } from '../../http/api-error.js'
import { checkedBody, isJsonObject, objectBodyProblem } from '../../http/checked-answer.js'
import type { ApiResponse } from '../../http/http-client.js'
import { readOpendatasoftError } from './opendatasoft-dialect.js'

/** What one item of a batch came to: the `data` the server answered for it, or its own error. */
export type ItemResult = { readonly data: unknown } | ApiError

/** Server text from a 200 answer, which the transport does not read as an error: redacted and cut by the caller's rule. */
export type Printable = (text: string) => string

/**
 * The items of an index-keyed batch answer, `{"0": {status_code, data} | {status_code, error}}`,
 * in request order (wire facts §B5 and §C O2). Invite, provision and member batches answer 200
 * even when items fail: an item whose status is not `success` is an ApiError of its own, and an
 * item the answer leaves out is one too, as nothing says it went through. A body that is not an
 * object fails the request as a whole.
 */
export function readBatchResults(path: string, answer: ApiResponse, count: number, printable: Printable): ItemResult[] {
  const body = checkedBody<Record<string, unknown>>({ method: 'POST', path }, answer, objectBodyProblem)
  return Array.from({ length: count }, (_, index): ItemResult => {
    const entry = body[String(index)]
    if (entry === undefined)
      return unknownOutcome(path, answer, `"${index}" is missing: the answer says nothing of item ${index}`)
    if (!isJsonObject(entry)) return unknownOutcome(path, answer, `"${index}" is not an object`)
    if (entry['status_code'] === 'success') return { data: entry['data'] }
    // Anything but `success` failed, whatever the error inside says; its shape is not documented (O2).
    const said = printedError(entry['error'], printable)
    // The request went through (200) and this item was refused there: one attempt, not applied.
    return new ApiError(
      { status: answer.status, method: 'POST', path, ...said, attempts: 1 },
      `item ${index} refused${said.title === undefined ? '' : ` (${said.title})`}`,
    )
  })
}

/**
 * An item the answer does not account for. It may have gone through, so the error carries no
 * status: the journal then says the change may have been applied, and the next plan finds out.
 */
export function unknownOutcome(path: string, answer: ApiResponse, problem: string): UnexpectedAnswerError {
  return new UnexpectedAnswerError({
    method: 'POST',
    path,
    traceId: answer.traceId,
    problem,
    attempts: answer.attempts,
  })
}

/** An error answer the caller took itself (`expect`), as the transport would have thrown it. */
export function answerError(method: 'POST', path: string, answer: ApiResponse, printable: Printable): ApiError {
  const said = printedError(answer.body, printable)
  return new ApiError({
    status: answer.status,
    method,
    path,
    ...said,
    traceId: said.traceId ?? answer.traceId,
    attempts: answer.attempts,
  })
}

/** The error envelope's fields as they may be printed. */
function printedError(body: unknown, printable: Printable) {
  const said = readOpendatasoftError(body)
  const text = (value: string | undefined) => (value === undefined || value === '' ? undefined : printable(value))
  return { title: text(said.title), detail: text(said.detail), traceId: text(said.traceId) }
}
