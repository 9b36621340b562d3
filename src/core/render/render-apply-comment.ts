import type { Change } from '../model/change.js'
import type { ReviewComparison } from '../plan/compare-reviewed.js'
import type { Plan } from '../plan/plan.js'
import { describeChange } from './describe-change.js'
import { codeMarkdown, escapeMarkdown, hiddenMarker } from './escape-markdown.js'
import { describeApplyOutcome, describeProblem, type ApplyCounts, type ApplyEntry } from './render-apply.js'
import { renderPlanComment, type MarkdownContext } from './render-plan-markdown.js'

const LISTED = 50

/** What the merged pull request is told: outcome, whether it was the reviewed plan, failures, then the plan. */
export function renderApplyComment(
  plan: Plan,
  journal: readonly ApplyEntry[],
  counts: ApplyCounts,
  review: ReviewComparison,
  context: MarkdownContext,
  limit: number,
): string {
  const out = [
    applyMarker(plan, review, context),
    `### ${counts.failed + counts.skipped > 0 ? '❌ Partly applied' : '✅ Applied'}: ${codeMarkdown(context.config)} → ${escapeMarkdown(context.host)}`,
    '',
  ]
  out.push(`${escapeMarkdown(describeApplyOutcome(counts, journal.length))}.`, '')
  out.push(...describeReview(review), '')
  const problems = journal.filter((entry) => entry.outcome === 'failed' || entry.outcome === 'skipped')
  if (problems.length > 0) {
    out.push('| change | what happened |', '|---|---|')
    for (const entry of problems.slice(0, LISTED))
      out.push(`| ${describeChange(entry.change, codeMarkdown)} | ${describeProblem(entry, journal)} |`)
    if (problems.length > LISTED) out.push('', `… ${problems.length - LISTED} more in the job summary.`)
    out.push('')
  }
  const head = `${out.join('\n')}\n`
  // The plan below reuses the comment renderer without its own marker: this comment has one.
  const planPart = renderPlanComment(plan, context, Math.max(2_000, limit - head.length - 200))
    .split('\n')
    .slice(1)
    .join('\n')
  return `${head}<details><summary>The plan that was applied</summary>\n\n${planPart}\n</details>\n`
}

/**
 * This comment replaces the plan comment, so it carries the review it was compared with (commit,
 * hash, digests) on: a re-run of the apply compares with the same review, not with this outcome.
 */
function applyMarker(plan: Plan, review: ReviewComparison, context: MarkdownContext): string {
  const reviewed = review.kind === 'not-found' ? {} : review.reviewed
  return hiddenMarker({ config: context.config, host: context.host, ...reviewed, applied: plan.hash })
}

function describeReview(review: ReviewComparison): string[] {
  if (review.kind === 'same')
    return [`The applied plan is the one reviewed here (hash <code>${review.reviewed.hash.slice(0, 12)}</code>).`]
  if (review.kind === 'not-found') {
    const commit = review.headSha
      ? ` for the merged commit <code>${escapeMarkdown(review.headSha.slice(0, 12))}</code>`
      : ''
    const lines = [
      '> [!WARNING]',
      `> No reviewed plan was found${commit}: no plan of this action was made for it here, so nothing that was applied was reviewed.`,
    ]
    return [...lines, ...listUnreviewed(review.unreviewed)]
  }
  const lines = [
    '> [!WARNING]',
    `> The applied plan differs from the one reviewed here (reviewed <code>${review.reviewed.hash.slice(0, 12)}</code>): the organization or the config changed after the review.`,
  ]
  if (review.unreviewed === undefined)
    return [
      ...lines,
      '> The reviewed plan was too large to list its changes; see the job summary for everything applied.',
    ]
  if (review.unreviewed.length === 0)
    return [...lines, '> Every applied change was in the reviewed plan; some reviewed changes were no longer needed.']
  return [...lines, ...listUnreviewed(review.unreviewed)]
}

function listUnreviewed(unreviewed: readonly Change[]): string[] {
  if (unreviewed.length === 0) return []
  const lines = [
    `> ${unreviewed.length} applied ${unreviewed.length === 1 ? 'change was' : 'changes were'} not reviewed:`,
  ]
  for (const change of unreviewed.slice(0, LISTED)) lines.push(`> - ${describeChange(change, codeMarkdown)}`)
  if (unreviewed.length > LISTED) lines.push(`> - … and ${unreviewed.length - LISTED} more`)
  return lines
}
