import { ALL_USER_TEXT_FIELDS } from '../targets/user-fields.js'
import { sameList } from '../model/same-list.js'
import type { ActualState, ActualUser, ActualUserGroup, EntityKind } from '../model/actual-state.js'
import { changeEffect, type Change, type UserFields, type UserGroupFields } from '../model/change.js'
import { profileFor, TARGET_PROFILES } from '../targets/profiles.js'
import { creationSettings } from './creation-note.js'
import { lastProjectAdminReason } from './project-admins.js'
import { resolveRoles } from './resolve-roles.js'
import type { TargetProfile } from '../targets/target-profile.js'
import { adaptToTarget } from './adapt-to-target.js'
import { orderForExecution } from './order-for-execution.js'
import type { DeclaredUser, DeclaredUserGroup, DesiredState, LoadMode } from '../model/entities.js'
import { checkLimits } from './check-limits.js'
import { compareUser, compareUserGroup } from './compare-entities.js'
import { computeEffectiveAccess } from './effective-access.js'
import { matchIdentities } from './match-identities.js'
import { computeEffectivePermissions, lastAdminReason, withPermissions } from './effective-permissions.js'
import { changeKey, type FieldChange, type Plan, type PlannedChange, type SkippedEntity } from './plan.js'
import { hashChanges } from './plan-hash.js'
import { LiveUserIndex } from './live-user-index.js'
import { protectionRules, type ProtectionRules } from './protection-rules.js'
import { permissionsLeftAlone, planScopedPermissions } from './plan-scoped-permissions.js'
import { computeEffectiveScopedPermissions, withScopedPermissions } from './effective-scoped-permissions.js'

export interface PlanOptions {
  /** Overrides provisioning.yaml's load mode. */
  readonly load?: LoadMode
  /** The target's profile; by default the one registered for `target.type`. */
  readonly profile?: TargetProfile
}

/**
 * diff(desired, actual) → plan. Pure: the same inputs give the same plan, byte for byte.
 * Entities are visited in input order; the changes are then put in review order, each with its dependencies.
 * Full load: create what is declared and missing, update what differs, delete what exists and is
 * not declared or is a tombstone. Incremental: only what is declared. Protected ids are never
 * touched; unmanaged ids are not deleted for being undeclared.
 */
export function computePlan(declared: DesiredState, actual: ActualState, options: PlanOptions = {}): Plan {
  const load = options.load ?? declared.settings.load
  const profile = profileFor(
    options.profile ?? TARGET_PROFILES[declared.settings.target.type],
    declared.settings.target,
  )
  const { desired, notices: idNotices } = matchIdentities(resolveRoles(declared, actual).desired, actual, profile)
  const guard = protectionRules(desired, actual)
  const skipped: SkippedEntity[] = []
  const skippedKeys = new Set<string>()
  const planned = new Map<string, { change: Change; fields: FieldChange[] }>()
  const unchanged = { users: 0, userGroups: 0 }
  const propose = (
    kind: EntityKind,
    id: string,
    change: Change | undefined,
    fields: FieldChange[] = [],
    declared = true,
  ) => {
    if (!change) return
    const reason = guard.protectedReason(kind, id) ?? (declared ? undefined : guard.unmanagedReason(kind, id))
    if (!reason) {
      planned.set(changeKey(change), { change, fields })
      return
    }
    skip(kind, id, reason, change)
  }
  function skip(kind: EntityKind, id: string, reason: string, change: Change) {
    // One line per entity: a protected user returning from disabled would otherwise show twice.
    if (skippedKeys.has(`${kind}:${id}`)) return
    skippedKeys.add(`${kind}:${id}`)
    skipped.push({ kind, id, reason, wouldHave: change.action })
  }

  const actualGroups = new Map(actual.userGroups.map((group) => [group.id, group]))
  const declaredGroups = new Map(desired.userGroups.map((group) => [group.id, group]))
  for (const group of desired.userGroups) {
    const before = actualGroups.get(group.id)
    const [change, fields] = declaredChange('userGroup', group, before, profile)
    const permissions = planScopedPermissions(group, 'userGroup', before?.scopedPermissions, load)
    if (before && group.isActive && !change && !permissions) unchanged.userGroups++
    propose('userGroup', group.id, change, fields)
    propose('userGroup', group.id, permissions)
  }
  const liveUsers = new LiveUserIndex(actual.users)
  const keep = keptMemberships(profile, actual, declaredGroups, guard)
  for (const declaredUser of desired.users) {
    const before = liveUsers.declare(declaredUser.id)
    const user = keep(declaredUser, before)
    const [change, fields] = declaredChange('user', user, before, profile)
    const enable =
      before?.disabled && user.isActive ? ({ action: 'enable', kind: 'user', id: user.id, before } as const) : undefined
    const permissions = planScopedPermissions(user, 'user', before?.scopedPermissions, load)
    if (before && user.isActive && !change && !enable && !permissions) unchanged.users++
    propose('user', user.id, enable)
    propose('user', user.id, change, fields)
    propose('user', user.id, permissions)
  }
  if (load === 'full') {
    for (const group of actual.userGroups) {
      if (declaredGroups.has(group.id)) continue
      const change = { action: 'delete', kind: 'userGroup', id: group.id, before: group } as const
      if (profile.undeclaredGroups === 'leave')
        skip(
          'userGroup',
          group.id,
          `left alone: groups this config does not declare keep their members on ${profile.name} (declare one with is_active: false to delete it)`,
          change,
        )
      else propose('userGroup', group.id, change, [], false)
    }
    for (const user of liveUsers.undeclared())
      propose('user', user.id, { action: 'delete', kind: 'user', id: user.id, before: user }, [], false)
  }

  const logical = [...planned.values()]
  const admin = {
    ...(profile.projectAdminRole ? { role: profile.projectAdminRole } : {}),
    ...(profile.permissions ? { permission: profile.permissions.admin } : {}),
  }
  const changes = orderForExecution(adaptToTarget(logical, profile.capabilities), actualGroups, admin)
  const limits = checkLimits({
    desired,
    actual,
    changes: changes.map((item) => item.change),
    load,
    isManaged: guard.isManaged,
  })
  let effectiveAccess = computeEffectiveAccess(
    actual,
    logical.map((item) => item.change),
    (id) => liveUsers.get(id),
  )
  if (profile.permissions) {
    const { admin } = profile.permissions
    const staff = new Set(actual.protectedIds.filter((item) => item.kind === 'user').map((item) => item.id))
    const permissions = computeEffectivePermissions(
      actual,
      logical.map((item) => item.change),
      admin,
      (id) => !staff.has(id),
    )
    effectiveAccess = withPermissions(effectiveAccess, permissions.changes)
    const reason = lastAdminReason(permissions, admin)
    if (reason) limits.push(reason)
  }
  if (actual.scopes || logical.some(({ change }) => change.action === 'permissions')) {
    const scoped = computeEffectiveScopedPermissions(
      actual,
      logical.map((item) => item.change),
    )
    effectiveAccess = withScopedPermissions(effectiveAccess, scoped)
  }
  const creation = creationSettings(declared.settings.target)
  const adminReason = profile.projectAdminRole
    ? lastProjectAdminReason(
        actual,
        logical.map((item) => item.change),
        profile.projectAdminRole,
      )
    : undefined
  if (adminReason) limits.push(adminReason)
  return {
    load,
    target: desired.settings.target,
    profile,
    changes,
    skipped: skipped.sort((a, b) => compare(a.kind, b.kind) || compare(a.id, b.id)),
    idNotices,
    ...(profile.identity?.groupTitles === 'ignoring-case' ? { groupLabels: groupLabels(actual) } : {}),
    blocked: limits.length > 0,
    blockedReasons: limits,
    summary: { users: count(changes, 'user'), userGroups: count(changes, 'userGroup') },
    unchanged,
    effectiveAccess,
    ...(actual.scopes ? { permissionsLeftAlone: permissionsLeftAlone(desired, actual) } : {}),
    ...(creation && changes.some(({ change }) => change.kind === 'user' && change.action === 'create')
      ? { creationNote: creation.note }
      : {}),
    hash: hashChanges(
      changes.map((item) => item.change),
      creation?.hashed,
    ),
  }
}

function declaredChange(
  kind: 'user',
  declared: DeclaredUser,
  before: ActualUser | undefined,
  profile: TargetProfile,
): [Change | undefined, FieldChange[]]
function declaredChange(
  kind: 'userGroup',
  declared: DeclaredUserGroup,
  before: ActualUserGroup | undefined,
  profile: TargetProfile,
): [Change | undefined, FieldChange[]]
function declaredChange(
  kind: EntityKind,
  declared: DeclaredUser | DeclaredUserGroup,
  before: ActualUser | ActualUserGroup | undefined,
  profile: TargetProfile,
): [Change | undefined, FieldChange[]] {
  const id = declared.id
  if (!declared.isActive) return [before ? ({ action: 'delete', kind, id, before } as Change) : undefined, []]
  if (kind === 'user') {
    const user = declared as DeclaredUser
    if (before && plainlySame(before as ActualUser, user, profile)) return [undefined, []]
    const after: UserFields = userFields(user, profile)
    if (!before) return [{ action: 'create', kind, id, after }, []]
    const fields = compareUser(before as ActualUser, after, profile.userValueFields)
    return [fields.length > 0 ? { action: 'update', kind, id, before: before as ActualUser, after } : undefined, fields]
  }
  const group = declared as DeclaredUserGroup
  const after: UserGroupFields = {
    name: group.name,
    parents: group.parents,
    ...(profile.permissions ? { permissions: group.permissions ?? [] } : {}),
  }
  if (!before) return [{ action: 'create', kind, id, after }, []]
  const fields = compareUserGroup(before as ActualUserGroup, after)
  return [
    fields.length > 0 ? { action: 'update', kind, id, before: before as ActualUserGroup, after } : undefined,
    fields,
  ]
}

/**
 * Where membership is its own resource, groups the config does not declare and will not delete
 * (left alone, unmanaged or protected) keep their members: a declared
 * user's groups are read as the declared ones plus those. Where membership is a field of the user,
 * the user is written whole, as before.
 */
function keptMemberships(
  profile: TargetProfile,
  actual: ActualState,
  declaredGroups: ReadonlyMap<string, DeclaredUserGroup>,
  guard: ProtectionRules,
) {
  const none = (user: DeclaredUser) => user
  if (profile.capabilities.membership !== 'resource') return none
  const kept = new Set(
    actual.userGroups
      .map((group) => group.id)
      .filter(
        (id) => !declaredGroups.has(id) && (profile.undeclaredGroups === 'leave' || !guard.isManaged('userGroup', id)),
      ),
  )
  if (kept.size === 0) return none
  return (user: DeclaredUser, before: ActualUser | undefined): DeclaredUser => {
    const extra = before?.userGroups.filter((group) => kept.has(group) && !user.userGroups.includes(group)) ?? []
    return extra.length === 0 ? user : { ...user, userGroups: [...user.userGroups, ...extra].sort() }
  }
}

function count(changes: readonly PlannedChange[], kind: EntityKind) {
  const of = (effect: 'create' | 'update' | 'delete') =>
    changes.filter(({ change }) => change.kind === kind && changeEffect(change) === effect).length
  return { create: of('create'), update: of('update'), delete: of('delete') }
}

/**
 * Whether a declared user matches the live one field for field, told without building the user's
 * fields: most users of a large organization do. Not sure (false) where the fields are not the
 * declared ones as they are (an email that defaults to the login, permissions) or the groups are
 * listed in another order: the full comparison then decides.
 */
function plainlySame(before: ActualUser, user: DeclaredUser, profile: TargetProfile): boolean {
  if (profile.emailDefaultsToId || profile.permissions) return false
  for (const { key } of profile.userValueFields) if (before[key] !== user[key]) return false
  return sameList(before.userGroups, user.userGroups)
}

/** The managed fields of a declared user, absent ones left out; where the target grants permissions, all of them (none is a list too). */
function userFields(user: DeclaredUser, profile: TargetProfile): UserFields {
  const fields: { -readonly [K in keyof UserFields]: UserFields[K] } = { userGroups: user.userGroups }
  for (const { key } of ALL_USER_TEXT_FIELDS) if (user[key] !== undefined) fields[key] = user[key]
  // Where the email defaults to the login (the legacy platform), writing it out is writing nothing.
  if (profile.emailDefaultsToId && fields.email?.toLowerCase() === user.id.toLowerCase()) delete fields.email
  if (profile.permissions) fields.permissions = user.permissions ?? []
  return fields
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Live group id → name, where the target's group ids say nothing to a person. */
function groupLabels(actual: ActualState): Record<string, string> {
  const labels: Record<string, string> = Object.create(null)
  for (const group of actual.userGroups) if (group.name !== undefined) labels[group.id] = group.name
  return labels
}
