import type { Plan } from '../../core/plan/plan.js'
import { countOf } from '../../core/render/plural.js'
import { renderPlanComment, renderPlanMarkdown, type MarkdownContext } from '../../core/render/render-plan-markdown.js'
import type { MarkerKey } from '../github/github-port.js'
import type { ActionContext, ActionOutputs, ActionResult } from './action-context.js'

/** The drift check: the plan in the summary, and one issue of ours opened, updated or closed. */
export async function reportDrift(
  context: ActionContext,
  key: MarkerKey,
  plan: Plan,
  markdownContext: MarkdownContext,
  outputs: ActionOutputs,
): Promise<ActionResult> {
  await context.publisher.summary(renderPlanMarkdown(plan, markdownContext))
  const drifted = plan.changes.length > 0
  if (context.github && context.inputs.comment) {
    if (drifted) {
      // The marker stays the body's first line: that is where our bodies carry it.
      const [marker, ...planLines] = renderPlanComment(plan, markdownContext).split('\n')
      const body = [
        marker,
        'The organization no longer matches the config. Applying the config would make these changes:',
        '',
        ...planLines,
      ].join('\n')
      const issue = await context.github.upsertIssue(key, `Drift: ${key.host} differs from ${key.config}`, body)
      context.publisher.info(`drift: ${issue.action} issue #${issue.number}`)
    } else if (await context.github.closeIssue(key, 'The organization matches the config again; closing.')) {
      context.publisher.info('drift: gone; closed the drift issue')
    }
  }
  return {
    outputs,
    ...(drifted && context.inputs.failOnDrift
      ? { failure: `drift: ${countOf(plan.changes.length, 'change')} would make the organization match the config` }
      : {}),
  }
}
