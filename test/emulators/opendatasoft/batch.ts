import type { RouteAnswer } from '../shared/route-answer.js'
import { invalid, validationError, type FieldErrors } from './answer-format.js'
import { pythonType } from './write-bodies.js'

/** One entry of a batch answer: the item's result, or its error (wire facts §C O2). */
export type BatchEntry =
  | { readonly status_code: 'success'; readonly data: unknown }
  | { readonly status_code: 'error'; readonly error: ReturnType<typeof validationError> }

export const succeeded = (data: unknown): BatchEntry => ({ status_code: 'success', data })
export const failed = (detail: FieldErrors): BatchEntry => ({ status_code: 'error', error: validationError(detail) })

/**
 * Invite, provision and group batch answer 200 even when items fail, with one entry per item keyed
 * by its index in the request (wire facts §B5). Items are handled in order, so a later item sees
 * what an earlier one created. A body that is not a list fails as a whole, as DRF's list serializer does.
 */
export function answerBatch(body: unknown, handle: (item: unknown) => BatchEntry): RouteAnswer {
  if (!Array.isArray(body))
    return invalid({ non_field_errors: [`Expected a list of items but got type "${pythonType(body)}".`] })
  return { status: 200, body: Object.fromEntries(body.map((item, index) => [String(index), handle(item)])) }
}
