import type { ActualState, EntityKind } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import type { DesiredState, LoadMode } from '../model/entities.js'

/** The ratio limit applies only when a plan deletes more than this many of a kind, so a small organization can still remove someone. */
export const RATIO_LIMIT_APPLIES_ABOVE = 5

interface LimitInput {
  readonly desired: DesiredState
  readonly actual: ActualState
  readonly changes: readonly Change[]
  readonly load: LoadMode
  readonly isManaged: (kind: EntityKind, id: string) => boolean
}

const NOUNS = { user: ['user', 'users'], userGroup: ['user group', 'user groups'] } as const

/** Why a plan must not be applied without an explicit override; none means it may be. */
export function checkLimits({ desired, actual, changes, load, isManaged }: LimitInput): string[] {
  const reasons: string[] = []
  const { maxDeletions, maxDeletionRatio } = desired.settings.limits
  const deletions = { user: 0, userGroup: 0 }
  for (const change of changes) if (change.action === 'delete') deletions[change.kind]++
  const total = deletions.user + deletions.userGroup
  if (maxDeletions !== undefined && total > maxDeletions) {
    reasons.push(`the plan deletes ${total} users and user groups; limits.max_deletions allows ${maxDeletions}`)
  }
  const managed = {
    user: actual.users.filter((user) => isManaged('user', user.id)).length,
    userGroup: actual.userGroups.filter((group) => isManaged('userGroup', group.id)).length,
  }
  for (const kind of ['user', 'userGroup'] as const) {
    const share = managed[kind] === 0 ? 0 : deletions[kind] / managed[kind]
    if (deletions[kind] > RATIO_LIMIT_APPLIES_ABOVE && share > maxDeletionRatio) {
      reasons.push(
        `the plan deletes ${deletions[kind]} of ${managed[kind]} managed ${NOUNS[kind][1]} (${percent(share)}); limits.max_deletion_ratio allows ${percent(maxDeletionRatio)}`,
      )
    }
  }
  if (load === 'full') {
    const declared = { user: desired.users.filter((user) => user.isActive).length, userGroup: desired.userGroups.filter((group) => group.isActive).length }
    for (const kind of ['user', 'userGroup'] as const) {
      if (declared[kind] === 0 && managed[kind] > 0) {
        reasons.push(`the config declares no ${NOUNS[kind][1]}, so a full load would delete all ${managed[kind]} managed ${NOUNS[kind][1]}; is a file missing?`)
      }
    }
  }
  return reasons
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
