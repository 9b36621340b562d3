import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { planToJson } from '../../core/render/render-plan-json.js'
import { renderPlanMarkdown } from '../../core/render/render-plan-markdown.js'
import { renderPlanText } from '../../core/render/render-plan-text.js'
import {
  applyToJson,
  describeApplyOutcome,
  renderApplyMarkdown,
  renderApplyText,
} from '../../core/render/render-apply.js'
import type { Plan } from '../../core/plan/plan.js'
import { renderValidationText, renderWarningsText } from '../../core/render/render-validation.js'
import type { ExecutionResult } from '../apply/execute-plan.js'
import { applyPlan } from '../use-cases/apply-plan.js'
import { connectFromEnvironment } from '../targets/connect-target.js'
import { preparePlan } from '../use-cases/prepare-plan.js'
import { ExitCode, type CliIo } from './cli-io.js'
import type { PlanOptions } from './parse-command-line.js'

/** `plan` and `apply`: plan against the live target, print it, and for apply carry it out. */
export async function runPlanCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const prepared = await preparePlan({
    config: options.config,
    cwd: io.cwd,
    ...(options.load === undefined ? {} : { load: options.load }),
    connect: (target) =>
      connectFromEnvironment(target, {
        ...(options.host === undefined ? {} : { host: options.host }),
        env: io.env,
        concurrency: options.concurrency,
        onRetry: ({ method, path, attempt, delayMs, reason }) =>
          io.stderr.write(`retry: ${method} ${path} (${reason}), attempt ${attempt + 1} in ${delayMs} ms\n`),
      }),
  })
  if (prepared.kind === 'invalid') {
    const result = { ok: false as const, problems: prepared.problems, files: [] }
    io.stdout.write(renderValidationText(result, options.config))
    return ExitCode.failure
  }
  const { plan, target, host } = prepared
  io.stderr.write(renderWarningsText(prepared.desired.warnings))
  const context = { config: options.config, host }
  try {
    if (options.command === 'plan') {
      await emit(io, options, render(plan, undefined, context, options, io), summaryLine(plan))
      if (plan.blocked) return ExitCode.blocked
      return options.detailedExitcode && plan.changes.length > 0 ? ExitCode.changes : ExitCode.ok
    }
    const showPlanFirst = options.format === 'text' && !options.out && !(plan.blocked && !options.allowBlocked)
    if (showPlanFirst) io.stdout.write(renderPlanText(plan, context, { color: io.stdout.isTTY === true }))
    const applied = await applyPlan(plan, target, {
      concurrency: options.concurrency,
      allowBlocked: options.allowBlocked,
      onProgress: progressPrinter(io, plan.changes.length),
    })
    if (applied.kind === 'blocked') {
      await emit(io, options, render(plan, undefined, context, options, io), summaryLine(plan))
      io.stderr.write(
        'Nothing was applied: the plan is blocked by a safety limit; review it, then apply with --allow-blocked if it is right.\n',
      )
      return ExitCode.blocked
    }
    const { result } = applied
    const output =
      options.format === 'text' && !options.out
        ? renderApplyText(result.journal, result.counts)
        : render(plan, result, context, options, io)
    await emit(io, options, output, `Apply: ${describeApplyOutcome(result.counts, plan.changes.length)}`)
    return result.counts.failed + result.counts.skipped > 0 ? ExitCode.failure : ExitCode.ok
  } finally {
    await target.close()
  }
}

function render(
  plan: Plan,
  result: ExecutionResult | undefined,
  context: { config: string; host: string },
  options: PlanOptions,
  io: CliIo,
): string {
  if (options.format === 'json') {
    return `${JSON.stringify({ ...planToJson(plan), ...(result ? { apply: applyToJson(result.journal, result.counts) } : {}) }, null, 2)}\n`
  }
  if (options.format === 'markdown')
    return `${result ? `${renderApplyMarkdown(result.journal, result.counts, context)}\n` : ''}${renderPlanMarkdown(plan, context)}`
  const text = renderPlanText(plan, context, { color: !options.out && io.stdout.isTTY === true })
  return result ? `${text}\n${renderApplyText(result.journal, result.counts)}` : text
}

/** Writes the output to --out (and a one-line note to stdout) or to stdout. */
async function emit(io: CliIo, options: PlanOptions, output: string, note: string): Promise<void> {
  if (options.out) {
    await writeFile(resolve(io.cwd, options.out), output)
    io.stdout.write(`${note}\nWrote ${options.format} to ${options.out}\n`)
  } else {
    io.stdout.write(output)
  }
}

function summaryLine(plan: Plan): string {
  const { users, userGroups } = plan.summary
  return `Plan: users ${users.create}/${users.update}/${users.delete}, user groups ${userGroups.create}/${userGroups.update}/${userGroups.delete} (create/update/delete)${plan.blocked ? '; BLOCKED' : ''}; hash ${plan.hash.slice(0, 12)}`
}

/** A progress line on stderr at most every 2 seconds, and at the end, for long applies. */
function progressPrinter(io: CliIo, total: number) {
  const now = io.now ?? Date.now
  let last = now()
  return ({ done, failed }: { done: number; failed: number }) => {
    if (total < 50) return
    if (done < total && now() - last < 2_000) return
    last = now()
    io.stderr.write(`apply: ${done}/${total} changes done${failed > 0 ? `, ${failed} failed` : ''}\n`)
  }
}
