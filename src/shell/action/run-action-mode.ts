import { formatProblem } from '../../core/model/problem.js'
import type { DesiredState } from '../../core/model/entities.js'
import { escapeMarkdown, hiddenMarker } from '../../core/render/escape-markdown.js'
import { countOf } from '../../core/render/plural.js'
import { renderPlanComment, renderPlanMarkdown, type MarkdownContext } from '../../core/render/render-plan-markdown.js'
import { readConfigTree } from '../config/read-config-tree.js'
import type { MarkerKey } from '../github/github-port.js'
import { describeBlocked } from '../use-cases/apply-plan.js'
import { preparePlan } from '../use-cases/prepare-plan.js'
import { EMPTY_OUTPUTS, type ActionContext, type ActionResult } from './action-context.js'
import { applyAndReport } from './apply-and-report.js'
import { chooseTrustedTarget } from './choose-trusted-target.js'
import { comment } from './comment.js'
import { isPullRequestEvent } from './github-event.js'
import { missingCredentials } from './missing-credentials.js'
import { planOutputs } from './plan-outputs.js'
import { renderPlanText } from '../../core/render/render-plan-text.js'
import { reportDrift } from './report-drift.js'
import { problemsComment, reportProblems } from './report-problems.js'

type Mode = 'validate' | 'plan' | 'apply' | 'drift'

/** Runs one mode of the action; answers its outputs and, when it failed, why. */
export async function runActionMode(mode: Mode, context: ActionContext): Promise<ActionResult> {
  const { inputs, publisher, event } = context
  const pullRequest = isPullRequestEvent(event) ? event.pullRequest : undefined
  if (mode === 'apply' && isPullRequestEvent(event)) {
    return {
      outputs: { ...EMPTY_OUTPUTS },
      failure: `mode apply does not run on ${event.name} events: a pull request's config is not reviewed yet; apply runs on a push to the default branch`,
    }
  }
  if (isPullRequestEvent(event) && !pullRequest && mode !== 'validate') {
    // Without the pull request (its number, head and base) nothing says which host is trusted: send nothing.
    return {
      outputs: { ...EMPTY_OUTPUTS },
      failure: `the ${event.name} event's payload describes no pull request (number, head and base); nothing was sent to the target`,
    }
  }
  const loaded = await readConfigTree(inputs.config, { cwd: context.cwd })
  // Before the trusted host is known, our comment is found by config alone (an empty host matches any).
  const looseKey: MarkerKey = { config: inputs.config, host: '' }
  if (!loaded.ok) {
    const failure = await reportProblems(publisher, loaded.problems, inputs.config)
    if (pullRequest)
      await comment(context, pullRequest.number, looseKey, () =>
        problemsComment(hiddenMarker({ ...looseKey }), loaded.problems, inputs.config),
      )
    return { outputs: { ...EMPTY_OUTPUTS }, failure }
  }
  const { users, userGroups, files } = loaded.state
  for (const warning of loaded.state.warnings ?? []) publisher.warning(`${formatProblem(warning)}`)
  publisher.info(
    `${inputs.config}: valid: ${countOf(users.length, 'user')}, ${countOf(userGroups.length, 'user group')} in ${countOf(files.length, 'file')}`,
  )
  if (mode === 'validate') return { outputs: { ...EMPTY_OUTPUTS } }

  const stopAfterValidation = async (why: string, failure?: string): Promise<ActionResult> => {
    const note = `${hiddenMarker({ ...looseKey })}\n### ${failure ? '❌' : '✅'} ${escapeMarkdown(inputs.config)}: the config is valid; no plan was made\n\n${escapeMarkdown(why)}\n`
    await publisher.summary(note)
    if (pullRequest) await comment(context, pullRequest.number, looseKey, () => note)
    return { outputs: { ...EMPTY_OUTPUTS }, ...(failure ? { failure } : {}) }
  }
  if (pullRequest?.fromFork) {
    return stopAfterValidation(
      "This pull request comes from a fork. Forks get no secrets and their config is not trusted to run a plan with the organization's token, so only validation ran. A maintainer can push the branch to this repository to see the plan.",
    )
  }
  const failure = missingCredentials(loaded.state.settings.target.type, inputs, mode)
  if (failure) {
    return pullRequest ? stopAfterValidation(failure, failure) : { outputs: { ...EMPTY_OUTPUTS }, failure }
  }
  const trusted = await chooseTrustedTarget(context, loaded.state.settings.target)
  if (!trusted.ok)
    return pullRequest
      ? stopAfterValidation(trusted.reason, trusted.reason)
      : { outputs: { ...EMPTY_OUTPUTS }, failure: trusted.reason }
  if (trusted.moved)
    publisher.warning(
      `this pull request moves provisioning from ${trusted.moved.from} to ${trusted.moved.to}; the plan ran against ${trusted.moved.from}`,
    )

  const desired: DesiredState = {
    ...loaded.state,
    settings: { ...loaded.state.settings, target: { type: trusted.type, host: trusted.host } },
  }
  // The trusted host, never the config's: on pull requests the two may differ.
  const connect = () => context.connect({ ...loaded.state.settings.target, type: trusted.type, host: trusted.host })
  const prepared = await preparePlan({
    config: inputs.config,
    cwd: context.cwd,
    desired,
    ...(inputs.load === undefined ? {} : { load: inputs.load }),
    connect,
  })
  if (prepared.kind === 'invalid') {
    const failure = await reportProblems(publisher, prepared.problems, inputs.config)
    if (pullRequest)
      await comment(context, pullRequest.number, looseKey, () =>
        problemsComment(hiddenMarker({ ...looseKey }), prepared.problems, inputs.config),
      )
    return { outputs: { ...EMPTY_OUTPUTS }, failure }
  }
  const { plan, target, host } = prepared
  const markdownContext: MarkdownContext = {
    config: inputs.config,
    host,
    ...(pullRequest?.headSha ? { head: pullRequest.headSha } : {}),
    ...(trusted.moved ? { moved: trusted.moved } : {}),
  }
  const key: MarkerKey = { config: inputs.config, host }
  const blockedFailure = plan.blocked && !inputs.allowBlocked ? describeBlocked(plan.blockedReasons) : undefined
  try {
    const outputs = await planOutputs(plan, context.tempDir)
    // The log shows the plan too: a reader of the job log should not need the summary to see what it does.
    publisher.group(
      `Plan for ${inputs.config} → ${host}`,
      renderPlanText(plan, { config: inputs.config, host }, { color: false }),
    )
    if (mode === 'plan') {
      await publisher.summary(renderPlanMarkdown(plan, markdownContext))
      if (pullRequest)
        await comment(context, pullRequest.number, key, (limit) => renderPlanComment(plan, markdownContext, limit))
      return { outputs, ...(blockedFailure ? { failure: blockedFailure } : {}) }
    }
    if (mode === 'drift') return await reportDrift(context, key, plan, markdownContext, outputs)
    return await applyAndReport(context, { plan, target, key, markdownContext, outputs })
  } finally {
    await target.close()
  }
}
