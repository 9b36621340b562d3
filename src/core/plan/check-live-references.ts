import type { ActualState } from '../model/actual-state.js'
import type { DesiredState } from '../model/entities.js'
import type { Problem } from '../model/problem.js'

/**
 * On an incremental load a user or group may reference a group the config does not declare,
 * provided the target has it. One that neither declares nor has is a typo to report.
 */
export function checkLiveReferences(desired: DesiredState, actual: ActualState): Problem[] {
  const known = new Set([
    ...desired.userGroups.filter((group) => group.isActive).map((group) => group.id),
    ...actual.userGroups.map((group) => group.id),
  ])
  const problems: Problem[] = []
  for (const user of desired.users) {
    if (!user.isActive) continue
    for (const group of user.userGroups) {
      if (!known.has(group))
        problems.push({
          ...user.source,
          message: `user ${JSON.stringify(user.id)} references group ${JSON.stringify(group)}, which is neither declared nor on the target`,
        })
    }
  }
  for (const declared of desired.userGroups) {
    if (!declared.isActive) continue
    for (const parent of declared.parents) {
      if (!known.has(parent))
        problems.push({
          ...declared.source,
          message: `group ${JSON.stringify(declared.id)} references parent ${JSON.stringify(parent)}, which is neither declared nor on the target`,
        })
    }
  }
  return problems
}
