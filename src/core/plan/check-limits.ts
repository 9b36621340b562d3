import type { ActualState, ActualUser, EntityKind } from '../model/actual-state.js'
import { changeEffect, type Change } from '../model/change.js'
import { DEFAULT_MAX_DELETION_RATIO, type DesiredState, type LoadMode } from '../model/entities.js'
import { countRevoked, grantsOf } from '../model/scoped-permissions.js'

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
  // A disable takes a user's access away as a delete does.
  for (const change of changes) if (changeEffect(change) === 'delete') deletions[change.kind]++
  const total = deletions.user + deletions.userGroup
  if (maxDeletions !== undefined && total > maxDeletions) {
    reasons.push(`the plan deletes ${total} users and user groups; limits.max_deletions allows ${maxDeletions}`)
  }
  // A disabled user has no access left to lose: counting them would let a plan remove most of those who still have it.
  // Asked once per user: the membership limit counts among the same users.
  const managedUsers = actual.users.filter((user) => !user.disabled && isManaged('user', user.id))
  const managed = {
    user: managedUsers.length,
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
  reasons.push(...checkMembershipRemovals(changes, managedUsers, desired.settings.limits))
  reasons.push(...checkPermissionRevocations(changes, actual, desired.settings.limits, isManaged))
  if (load === 'full') {
    const declared = {
      user: desired.users.filter((user) => user.isActive).length,
      userGroup: desired.userGroups.filter((group) => group.isActive).length,
    }
    for (const kind of ['user', 'userGroup'] as const) {
      // Only where the plan does delete them: the legacy platform leaves undeclared groups alone.
      if (declared[kind] === 0 && managed[kind] > 0 && deletions[kind] > 0) {
        reasons.push(
          `the config declares no ${NOUNS[kind][1]}, so a full load would delete all ${managed[kind]} managed ${NOUNS[kind][1]}; is a file missing?`,
        )
      }
    }
  }
  return reasons
}

/**
 * Taking people out of groups removes access as surely as deleting them: the plan is blocked when
 * more users than `max_membership_removals`, or (above 5 users) more than the ratio of the managed
 * users who are in any group, would lose a group they are in.
 */
function checkMembershipRemovals(
  changes: readonly Change[],
  managedUsers: readonly ActualUser[],
  limits: DesiredState['settings']['limits'],
): string[] {
  const { maxMembershipRemovals, maxMembershipRemovalRatio = DEFAULT_MAX_DELETION_RATIO } = limits
  const losingUsers = new Set<string>()
  for (const change of changes) {
    if (change.action === 'remove-member') losingUsers.add(change.id)
    if (change.kind !== 'user' || change.action !== 'update') continue
    const kept = new Set(change.after.userGroups)
    if (change.before.userGroups.some((group) => !kept.has(group))) losingUsers.add(change.id)
  }
  const losing = losingUsers.size
  const reasons: string[] = []
  if (maxMembershipRemovals !== undefined && losing > maxMembershipRemovals) {
    reasons.push(
      `the plan takes ${losing} users out of groups they are in; limits.max_membership_removals allows ${maxMembershipRemovals}`,
    )
  }
  const members = managedUsers.filter((user) => user.userGroups.length > 0).length
  const share = members === 0 ? 0 : losing / members
  if (losing > RATIO_LIMIT_APPLIES_ABOVE && share > maxMembershipRemovalRatio) {
    reasons.push(
      `the plan takes ${losing} of ${members} managed users who are in groups out of a group (${percent(share)}); limits.max_membership_removal_ratio allows ${percent(maxMembershipRemovalRatio)}`,
    )
  }
  return reasons
}

/**
 * Revoking permissions on workspaces and data sources takes access away too: the plan is blocked
 * when it revokes more single permissions (one name on one workspace or data source of one user or
 * group) than `max_permission_revocations`, or (above 5) more than the ratio of those the managed
 * users and groups hold.
 */
function checkPermissionRevocations(
  changes: readonly Change[],
  actual: ActualState,
  limits: DesiredState['settings']['limits'],
  isManaged: LimitInput['isManaged'],
): string[] {
  const { maxPermissionRevocations, maxPermissionRevocationRatio = DEFAULT_MAX_DELETION_RATIO } = limits
  let revoked = 0
  for (const change of changes) if (change.action === 'permissions') revoked += countRevoked(change.from, change.to)
  if (revoked === 0) return []
  const reasons: string[] = []
  if (maxPermissionRevocations !== undefined && revoked > maxPermissionRevocations) {
    reasons.push(
      `the plan revokes ${revoked} permissions on workspaces and data sources; limits.max_permission_revocations allows ${maxPermissionRevocations}`,
    )
  }
  let held = 0
  for (const user of actual.users)
    if (user.scopedPermissions && !user.disabled && isManaged('user', user.id))
      held += grantsOf(user.scopedPermissions).length
  for (const group of actual.userGroups)
    if (group.scopedPermissions && isManaged('userGroup', group.id)) held += grantsOf(group.scopedPermissions).length
  const share = held === 0 ? 0 : revoked / held
  if (revoked > RATIO_LIMIT_APPLIES_ABOVE && share > maxPermissionRevocationRatio) {
    reasons.push(
      `the plan revokes ${revoked} of the ${held} permissions on workspaces and data sources that managed users and groups hold (${percent(share)}); limits.max_permission_revocation_ratio allows ${percent(maxPermissionRevocationRatio)}`,
    )
  }
  return reasons
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
