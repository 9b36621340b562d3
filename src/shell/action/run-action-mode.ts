import { compareWithReviewed } from '../../core/plan/compare-reviewed.js'
import { hiddenMarker, escapeMarkdown, readHiddenMarker } from '../../core/render/escape-markdown.js'
import { renderApplyComment } from '../../core/render/render-apply-comment.js'
import { renderApplyMarkdown } from '../../core/render/render-apply.js'
import { renderPlanComment, renderPlanMarkdown } from '../../core/render/render-plan-markdown.js'
import { executePlan } from '../apply/execute-plan.js'
import { readConfigTree } from '../config/read-config-tree.js'
import type { MarkerKey } from '../github/github-port.js'
import { normalizeHost } from '../http/normalize-host.js'
import { preparePlan } from '../use-cases/prepare-plan.js'
import { EMPTY_OUTPUTS, type ActionContext, type ActionResult } from './action-context.js'
import { planOutputs } from './plan-outputs.js'
import { problemsComment, reportProblems } from './report-problems.js'

/** Runs one mode of the action; answers its outputs and, when it failed, why. */
export async function runActionMode(mode: 'validate' | 'plan' | 'apply' | 'drift', context: ActionContext): Promise<ActionResult> {
  const { inputs, publisher } = context
  const loaded = await readConfigTree(inputs.config, { cwd: context.cwd })
  const key: MarkerKey = { config: inputs.config, host: hostForKey(inputs.host ?? (loaded.ok ? loaded.state.settings.target.host : undefined)) }
  const pullRequest = context.event.pullRequest?.number
  if (!loaded.ok) {
    const failure = await reportProblems(publisher, loaded.problems, inputs.config)
    if (mode === 'plan' && pullRequest !== undefined) await comment(context, pullRequest, key, () => problemsComment(hiddenMarker({ ...key }), loaded.problems, inputs.config))
    return { outputs: { ...EMPTY_OUTPUTS }, failure }
  }
  const { users, userGroups, files } = loaded.state
  publisher.info(`${inputs.config}: valid: ${users.length} users, ${userGroups.length} user groups in ${files.length} files`)
  if (mode === 'validate') return { outputs: { ...EMPTY_OUTPUTS } }
  if (!inputs.token) {
    if (mode !== 'plan') return { outputs: { ...EMPTY_OUTPUTS }, failure: `the token input is empty; ${mode} needs an API token of the organization` }
    // Pull requests from forks get no secrets: validate, and say what is missing.
    const note = `${hiddenMarker({ ...key })}\n### ✅ ${escapeMarkdown(inputs.config)}: the config is valid\n\nThe plan needs the organization's token, which this run did not get (pull requests from forks get no secrets). A maintainer can run the workflow from a branch of this repository to see the plan.\n`
    await publisher.summary(note)
    if (pullRequest !== undefined) await comment(context, pullRequest, key, () => note)
    return { outputs: { ...EMPTY_OUTPUTS } }
  }

  const prepared = await preparePlan({ config: inputs.config, cwd: context.cwd, desired: loaded.state, ...(inputs.host === undefined ? {} : { host: inputs.host }), token: inputs.token, ...(inputs.load === undefined ? {} : { load: inputs.load }), createTarget: context.createTarget })
  if (prepared.kind === 'invalid') {
    const failure = await reportProblems(publisher, prepared.problems, inputs.config)
    if (mode === 'plan' && pullRequest !== undefined) await comment(context, pullRequest, key, () => problemsComment(hiddenMarker({ ...key }), prepared.problems, inputs.config))
    return { outputs: { ...EMPTY_OUTPUTS }, failure }
  }
  const { plan, target, host } = prepared
  const markdownContext = { config: inputs.config, host }
  const planKey: MarkerKey = { config: inputs.config, host }
  const blockedFailure = plan.blocked && !inputs.allowBlocked ? `the plan is blocked: ${plan.blockedReasons.join('; ')}` : undefined
  try {
    const outputs = await planOutputs(plan, context.tempDir)
    if (mode === 'plan') {
      await publisher.summary(renderPlanMarkdown(plan, markdownContext))
      if (pullRequest !== undefined) await comment(context, pullRequest, planKey, (limit) => renderPlanComment(plan, markdownContext, limit))
      return { outputs, ...(blockedFailure ? { failure: blockedFailure } : {}) }
    }
    if (mode === 'drift') return await reportDrift(context, planKey, plan, markdownContext, outputs)
    if (blockedFailure) {
      await publisher.summary(`${renderPlanMarkdown(plan, markdownContext)}\n**Nothing was applied:** the plan is blocked by a safety limit. Review it; set allow-blocked to apply it anyway.\n`)
      return { outputs, failure: blockedFailure }
    }
    const result = await executePlan(plan, target, { concurrency: inputs.concurrency, onProgress: ({ done, total, failed }) => (done === total || done % 500 === 0 ? publisher.info(`apply: ${done}/${total} changes done${failed ? `, ${failed} failed` : ''}`) : undefined) })
    await publisher.summary(`${renderPlanMarkdown(plan, markdownContext)}\n${renderApplyMarkdown(result.journal, result.counts)}`)
    const merged = context.github ? await context.github.pullRequestForCommit(context.event.sha).catch(() => undefined) : undefined
    if (merged !== undefined && context.github) {
      const reviewed = readHiddenMarker((await context.github.readComment(merged, planKey).catch(() => undefined)) ?? '')
      const review = compareWithReviewed(plan, reviewed)
      if (review.kind === 'different') publisher.warning(`the applied plan differs from the one reviewed on #${merged}`)
      await comment(context, merged, planKey, (limit) => renderApplyComment(plan, result.journal, result.counts, review, markdownContext, limit))
    }
    const applied = { ...outputs, applied: String(result.counts.applied), failed: String(result.counts.failed) }
    const failed = result.counts.failed + result.counts.skipped
    return { outputs: applied, ...(failed > 0 ? { failure: `${result.counts.failed} changes failed and ${result.counts.skipped} were skipped; see the job summary, then re-run to converge` } : {}) }
  } finally {
    await target.close()
  }
}

async function reportDrift(context: ActionContext, key: MarkerKey, plan: Parameters<typeof renderPlanComment>[0], markdownContext: { config: string; host: string }, outputs: ActionResult['outputs']): Promise<ActionResult> {
  await context.publisher.summary(renderPlanMarkdown(plan, markdownContext))
  const drifted = plan.changes.length > 0
  if (context.github) {
    if (drifted) {
      const issue = await context.github.upsertIssue(key, `Drift: ${key.host} differs from ${key.config}`, `The organization no longer matches the config. Applying the config would make these changes:\n\n${renderPlanComment(plan, markdownContext)}`)
      context.publisher.info(`drift: ${issue.action} issue #${issue.number}`)
    } else if (await context.github.closeIssue(key, 'The organization matches the config again; closing.')) {
      context.publisher.info('drift: gone; closed the drift issue')
    }
  }
  return { outputs, ...(drifted && context.inputs.failOnDrift ? { failure: `drift: ${plan.changes.length} changes would make the organization match the config` } : {}) }
}

/** Posts or updates our comment; a refusal (a fork's read-only token) is a warning, not a failure. */
async function comment(context: ActionContext, issueNumber: number, key: MarkerKey, render: (limit: number) => string): Promise<void> {
  if (!context.github) return
  try {
    const action = await context.github.upsertComment(issueNumber, key, render)
    context.publisher.info(`comment on #${issueNumber}: ${action}`)
  } catch (error) {
    context.publisher.warning(`could not comment on #${issueNumber}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function hostForKey(host: string | undefined): string {
  if (!host) return ''
  try {
    return normalizeHost(host)
  } catch {
    return host
  }
}
