import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plan } from '../../core/plan/plan.js'
import { renderPlanJson } from '../../core/render/render-plan-json.js'
import { totalCounts } from '../../core/render/describe-change.js'
import { EMPTY_OUTPUTS, type ActionOutputs } from './action-context.js'

/** Writes the JSON plan file and answers the outputs that describe the plan. */
export async function planOutputs(plan: Plan, tempDir: string): Promise<ActionOutputs> {
  const path = join(tempDir, `user-provisioning-plan-${plan.hash.slice(0, 12)}.json`)
  await writeFile(path, renderPlanJson(plan))
  const totals = totalCounts(plan)
  return {
    ...EMPTY_OUTPUTS,
    'has-changes': String(plan.changes.length > 0),
    creates: String(totals.create),
    updates: String(totals.update),
    deletes: String(totals.delete),
    blocked: String(plan.blocked),
    'plan-hash': plan.hash,
    'plan-json': path,
  }
}
