import type { EntityKind } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import type { LoadMode, TargetType } from '../model/entities.js'
import type { SourcePosition } from '../model/problem.js'
import type { PermissionGrant } from '../model/scoped-permissions.js'
import type { TargetProfile } from '../targets/target-profile.js'

/** One field of an update: a scalar before → after, or a set with what is added and removed. */
export type FieldChange =
  | { readonly field: string; readonly type: 'value'; readonly before?: string; readonly after?: string }
  | {
      readonly field: string
      readonly type: 'set'
      readonly added: readonly string[]
      readonly removed: readonly string[]
    }

/** A change as planned: the change, its field-level differences, and the changes it waits for. */
export interface PlannedChange {
  readonly change: Change
  /** For updates: what differs. Empty for creates and deletes. */
  readonly fields: readonly FieldChange[]
  /** Keys (`kind:id`) of changes that must succeed first. */
  readonly dependsOn: readonly string[]
}

/** An entity the plan leaves alone although the config or a full load would change it. */
export interface SkippedEntity {
  readonly kind: EntityKind
  readonly id: string
  readonly reason: string
  /** What would have happened without the protection. */
  readonly wouldHave: Change['action']
}

/** A declared entity the plan took for a live one with another id, and the id to write in the config. */
export interface IdNotice {
  readonly kind: EntityKind
  readonly declared: string
  readonly live: string
  /** What they share. */
  readonly by: 'email' | 'title' | 'login'
  readonly source: SourcePosition
}

/** A group a user gains or loses, directly or through a parent chain. */
export interface AccessStep {
  readonly group: string
  /** Empty when direct; else the chain from a direct group up to `group`. */
  readonly via: readonly string[]
}

/** A permission a user gains or loses, and the group it comes through (none: granted directly). */
export interface PermissionStep {
  readonly permission: string
  readonly via?: string
}

/** A permission on a workspace or data source a user gains or loses, and the group chain it comes through. */
export interface ScopedPermissionStep {
  readonly grant: PermissionGrant
  /** Empty when the user holds it directly; else from the user's direct group up to the group that holds it. */
  readonly via: readonly string[]
}

/** How one user's effective group membership (and, where the target has them, permissions) changes. */
export interface EffectiveAccessChange {
  readonly userId: string
  readonly gained: readonly AccessStep[]
  readonly lost: readonly AccessStep[]
  /** How many more groups the plan does not list (beyond MAX_GROUPS_PER_USER each way). */
  readonly moreGroups?: { readonly gained: number; readonly lost: number }
  readonly permissions?: { readonly gained: readonly PermissionStep[]; readonly lost: readonly PermissionStep[] }
  /** GoodData Cloud: permissions on workspaces and data sources. */
  readonly scopedPermissions?: {
    readonly gained: readonly ScopedPermissionStep[]
    readonly lost: readonly ScopedPermissionStep[]
    /** How many more the plan does not list (beyond MAX_STEPS_PER_USER each way). */
    readonly more?: { readonly gained: number; readonly lost: number }
  }
}

export interface ChangeCounts {
  readonly create: number
  readonly update: number
  readonly delete: number
}

/** The plan: a value, computed purely, rendered for review and executed for apply. */
export interface Plan {
  readonly load: LoadMode
  readonly target: { readonly type: TargetType; readonly host?: string }
  /** The profile the plan was made for: renderers list fields as it names them. */
  readonly profile: TargetProfile
  /** In review order (group creates, group updates, user writes, user removals, group deletes); apply starts each once what it depends on has succeeded. */
  readonly changes: readonly PlannedChange[]
  readonly skipped: readonly SkippedEntity[]
  /** Where group ids are opaque (the legacy platform): each live group's name, for people to recognise it. */
  readonly groupLabels?: Readonly<Record<string, string>>
  /** How the target creates users, where the config chooses it; said when the plan creates any. */
  readonly creationNote?: string
  /** Declared ids that differ from the target's, matched by email or title: what to write instead. */
  readonly idNotices: readonly IdNotice[]
  readonly blocked: boolean
  readonly blockedReasons: readonly string[]
  readonly summary: { readonly users: ChangeCounts; readonly userGroups: ChangeCounts }
  readonly unchanged: { readonly users: number; readonly userGroups: number }
  readonly effectiveAccess: readonly EffectiveAccessChange[]
  /**
   * Where permissions on workspaces and data sources were read (GoodData Cloud): how many declared
   * users and groups hold some and declare none, so keep theirs as they are.
   */
  readonly permissionsLeftAlone?: { readonly users: number; readonly userGroups: number }
  /** sha256 of the canonical change list: same changes, same hash. */
  readonly hash: string
}

/**
 * `user:john` / `userGroup:analysts`: one write per entity, so this names a change; besides it, a
 * user may be enabled (`enable:john`) and join or leave groups (`member:john:analysts`).
 */
export function changeKey(change: Change): string {
  if (change.action === 'add-member' || change.action === 'remove-member') return `member:${change.id}:${change.group}`
  if (change.action === 'permissions') return `permissions:${change.kind}:${change.id}`
  return change.action === 'enable' ? `enable:${change.id}` : `${change.kind}:${change.id}`
}
