import type { Change } from '../model/change.js'
import type { Plan } from './plan.js'
import { changeDigest } from './plan-hash.js'

/** How an applied plan relates to the one reviewed on the pull request. */
export type ReviewComparison =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'same'; readonly hash: string }
  | {
      readonly kind: 'different'
      readonly reviewedHash: string
      /** Changes applied that the reviewed plan did not have; undefined when the review was too large to list them. */
      readonly unreviewed: readonly Change[] | undefined
    }

/** Compares a plan with the marker of the reviewed comment (its hash and per-change digests). */
export function compareWithReviewed(plan: Plan, marker: Readonly<Record<string, string>> | undefined): ReviewComparison {
  const reviewedHash = marker?.['hash']
  if (!reviewedHash) return { kind: 'not-found' }
  if (reviewedHash === plan.hash) return { kind: 'same', hash: plan.hash }
  const listed = marker['changes']
  if (listed === undefined) return { kind: 'different', reviewedHash, unreviewed: undefined }
  const reviewed = new Set(listed.split(' ').filter(Boolean))
  return { kind: 'different', reviewedHash, unreviewed: plan.changes.map(({ change }) => change).filter((change) => !reviewed.has(changeDigest(change))) }
}
