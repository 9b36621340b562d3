import type { Change } from '../model/change.js'
import type { Plan } from './plan.js'
import { changeDigest } from './plan-hash.js'

/** What our plan comment's marker recorded about the review: the commit, the plan's hash, the changes' digests. */
export interface ReviewedPlan {
  readonly head: string
  readonly hash: string
  /** Space-separated change digests; absent when the plan was too large to list them. */
  readonly changes?: string
}

/** How an applied plan relates to the one reviewed on the pull request. */
export type ReviewComparison =
  | {
      readonly kind: 'not-found'
      /** The merged head commit no plan of ours was found for, when it is known. */
      readonly headSha?: string
      /** Every applied change: none of them was reviewed. */
      readonly unreviewed: readonly Change[]
    }
  | { readonly kind: 'same'; readonly reviewed: ReviewedPlan }
  | {
      readonly kind: 'different'
      readonly reviewed: ReviewedPlan
      /** Changes applied that the reviewed plan did not have; undefined when the review was too large to list them. */
      readonly unreviewed: readonly Change[] | undefined
    }

/**
 * Compares a plan with the marker of our comment on the merged pull request. A review counts only
 * when its plan was made for the head commit that was merged: a plan of an earlier push reviewed
 * other YAML.
 */
export function compareWithReviewed(
  plan: Plan,
  marker: Readonly<Record<string, unknown>> | undefined,
  headSha: string | undefined,
): ReviewComparison {
  const applied = plan.changes.map(({ change }) => change)
  const reviewed = readReviewedPlan(marker)
  if (!reviewed || !headSha || reviewed.head !== headSha)
    return { kind: 'not-found', ...(headSha ? { headSha } : {}), unreviewed: applied }
  if (reviewed.hash === plan.hash) return { kind: 'same', reviewed }
  if (reviewed.changes === undefined) return { kind: 'different', reviewed, unreviewed: undefined }
  const digests = new Set(reviewed.changes.split(' ').filter(Boolean))
  return { kind: 'different', reviewed, unreviewed: applied.filter((change) => !digests.has(changeDigest(change))) }
}

function readReviewedPlan(marker: Readonly<Record<string, unknown>> | undefined): ReviewedPlan | undefined {
  const { head, hash, changes } = marker ?? {}
  if (typeof head !== 'string' || typeof hash !== 'string' || head === '' || hash === '') return undefined
  return { head, hash, ...(typeof changes === 'string' ? { changes } : {}) }
}
