import type { Plan } from '../../core/plan/plan.js'
import { executePlan, type ExecuteOptions, type ExecutionResult } from '../apply/execute-plan.js'
import type { Target } from '../targets/target.js'

export type ApplyResult =
  | { readonly kind: 'blocked'; readonly reasons: readonly string[] }
  | { readonly kind: 'applied'; readonly result: ExecutionResult }

/**
 * Apply, as both entries run it: a plan a safety limit blocks is not applied unless allowed;
 * otherwise every change is carried out and the journal says how each ended.
 */
export async function applyPlan(
  plan: Plan,
  target: Target,
  options: ExecuteOptions & { readonly allowBlocked: boolean },
): Promise<ApplyResult> {
  if (plan.blocked && !options.allowBlocked) return { kind: 'blocked', reasons: plan.blockedReasons }
  return { kind: 'applied', result: await executePlan(plan, target, options) }
}

/** Why a run that was to apply, or to pass a plan check, failed on a blocked plan. */
export function describeBlocked(reasons: readonly string[]): string {
  return `the plan is blocked: ${reasons.join('; ')}`
}
