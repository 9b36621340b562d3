import { compareWithReviewed } from '../../core/plan/compare-reviewed.js'
import type { Plan } from '../../core/plan/plan.js'
import { readHiddenMarker } from '../../core/render/escape-markdown.js'
import { countOf, oneOrMany } from '../../core/render/plural.js'
import { renderApplyComment } from '../../core/render/render-apply-comment.js'
import { renderApplyMarkdown, renderApplyText } from '../../core/render/render-apply.js'
import { renderPlanMarkdown, type MarkdownContext } from '../../core/render/render-plan-markdown.js'
import { applyPlan, describeBlocked } from '../use-cases/apply-plan.js'
import type { MarkerKey } from '../github/github-port.js'
import type { Target } from '../targets/target.js'
import type { ActionContext, ActionOutputs, ActionResult } from './action-context.js'
import { comment } from './comment.js'

interface Planned {
  readonly plan: Plan
  readonly target: Target
  readonly key: MarkerKey
  readonly markdownContext: MarkdownContext
  readonly outputs: ActionOutputs
}

/**
 * Applies the plan, writes the journal to the summary, and tells the merged pull request what was
 * applied and whether it is the plan reviewed for the commit that was merged (from our own comment).
 */
export async function applyAndReport(
  context: ActionContext,
  { plan, target, key, markdownContext, outputs }: Planned,
): Promise<ActionResult> {
  const { publisher } = context
  const progress = ({ done, total, failed }: { done: number; total: number; failed: number }) =>
    done === total || done % 500 === 0
      ? publisher.info(`apply: ${done}/${countOf(total, 'change')} done${failed ? `, ${failed} failed` : ''}`)
      : undefined
  const applied = await applyPlan(plan, target, {
    concurrency: context.inputs.concurrency,
    allowBlocked: context.inputs.allowBlocked,
    onProgress: progress,
  })
  if (applied.kind === 'blocked') {
    await publisher.summary(
      `${renderPlanMarkdown(plan, markdownContext)}\n**Nothing was applied:** the plan is blocked by a safety limit. Review it; set allow-blocked to apply it anyway.\n`,
    )
    return { outputs, failure: describeBlocked(applied.reasons) }
  }
  const { result } = applied
  publisher.group('Apply journal', renderApplyText(result.journal, result.counts))
  // Outcome first: what went wrong is the first thing the summary says, the plan comes after.
  await publisher.summary(
    `${renderApplyMarkdown(result.journal, result.counts, markdownContext)}\n${renderPlanMarkdown(plan, markdownContext)}`,
  )
  const merged = context.github
    ? await context.github.pullRequestForCommit(context.event.sha).catch(() => undefined)
    : undefined
  if (merged && context.github) {
    const ours = await context.github.readComment(merged.number, key).catch(() => undefined)
    const review = compareWithReviewed(plan, readHiddenMarker(ours ?? ''), merged.headSha)
    if (review.kind === 'different')
      publisher.warning(`the applied plan differs from the one reviewed on #${merged.number}`)
    if (review.kind === 'not-found' && plan.changes.length > 0)
      publisher.warning(
        `no reviewed plan was found on #${merged.number} for its head commit; ${countOf(plan.changes.length, 'applied change')} ${oneOrMany(plan.changes.length, 'was', 'were')} not reviewed`,
      )
    await comment(context, merged.number, key, (limit) =>
      renderApplyComment(plan, result.journal, result.counts, review, markdownContext, limit),
    )
  }
  const withCounts = { ...outputs, applied: String(result.counts.applied), failed: String(result.counts.failed) }
  const failed = result.counts.failed + result.counts.skipped
  return {
    outputs: withCounts,
    ...(failed > 0
      ? {
          failure: `${countOf(result.counts.failed, 'change')} failed and ${result.counts.skipped} ${oneOrMany(result.counts.skipped, 'was', 'were')} skipped; see the job summary, then re-run to converge`,
        }
      : {}),
  }
}
