import type { DesiredState } from '../../src/core/model/entities.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import type { Plan } from '../../src/core/plan/plan.js'
import { executePlan, type ExecutionResult } from '../../src/shell/apply/execute-plan.js'
import { createGoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import type { RunningEmulator } from '../emulators/gooddata-cloud/server.js'
import { DEFAULT_TOKEN } from '../emulators/gooddata-cloud/server.js'
import type { StoredUser, StoredUserGroup } from '../emulators/gooddata-cloud/organization-state.js'

/** One apply run as the CLI does it, in this process: read, plan, execute. Waits are shortened 50 times. */
export async function applyOnce(
  emulator: RunningEmulator,
  desired: DesiredState,
): Promise<{ plan: Plan; result: ExecutionResult }> {
  const target = createGoodDataCloudTarget({
    host: emulator.url,
    token: DEFAULT_TOKEN,
    concurrency: 8,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 50)),
  })
  try {
    const plan = computePlan(desired, await target.readState())
    return { plan, result: await executePlan(plan, target, { concurrency: 8 }) }
  } finally {
    await target.close()
  }
}

/**
 * Checks that the journal says exactly what happened: one entry per planned change, every change
 * reported applied is on the server, and none reported surely refused (answered on the first try) is.
 */
export function journalProblems(emulator: RunningEmulator, result: ExecutionResult, plan: Plan): string[] {
  const problems: string[] = []
  if (result.journal.length !== plan.changes.length)
    problems.push(`journal has ${result.journal.length} entries for ${plan.changes.length} changes`)
  for (const entry of result.journal) {
    const { change } = entry
    const stored =
      change.kind === 'user' ? emulator.state.users.get(change.id) : emulator.state.userGroups.get(change.id)
    if (!('after' in change) && change.action !== 'delete') continue
    const present =
      change.action === 'delete'
        ? stored === undefined
        : stored !== undefined && 'after' in change && matches(stored, change.after)
    if ((entry.outcome === 'applied' || entry.outcome === 'already-applied') && !present)
      problems.push(`reported applied, not on the server: ${change.action} ${change.id}`)
    if (entry.outcome === 'failed' && !entry.mayHaveApplied && present)
      problems.push(`reported refused, yet on the server: ${change.action} ${change.id}`)
  }
  return problems
}

function matches(
  stored: StoredUser | StoredUserGroup,
  after: { userGroups?: readonly string[]; parents?: readonly string[]; name?: string; email?: string },
): boolean {
  if ('userGroups' in stored)
    return (
      JSON.stringify([...stored.userGroups].sort()) === JSON.stringify(after.userGroups) &&
      stored.attributes.email === after.email
    )
  return (
    JSON.stringify([...stored.parents].sort()) === JSON.stringify(after.parents) &&
    (stored.attributes.name ?? stored.id) === after.name
  )
}
