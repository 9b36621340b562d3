import type { UserAttributes } from './entities.js'
import type { PermissionScopes, ScopedPermissions } from './scoped-permissions.js'

/** A user as the target has it. */
export interface ActualUser extends UserAttributes {
  /** The key the config uses (GoodData: the id; Opendatasoft: the username; legacy: the login). */
  readonly id: string
  /** The server's own reference, where it differs from the key (a legacy profile id). */
  readonly ref?: string
  /** Direct group memberships, sorted. */
  readonly userGroups: readonly string[]
  /** Attributes this tool does not manage (e.g. GoodData's systemAccount), carried over on update. */
  readonly unmanaged: Readonly<Record<string, unknown>>
  /** Disabled on a target that removes users by disabling them: present, without access. */
  readonly disabled?: boolean
  /** Permissions granted to the user directly, sorted, where the target has them. */
  readonly permissions?: readonly string[]
  /** Permissions on workspaces and data sources (GoodData Cloud), when they were read. */
  readonly scopedPermissions?: ScopedPermissions
}

/** A user group as the target has it; `name` is absent when the target has none. */
export interface ActualUserGroup {
  /** The key the config uses (the declared id, or what a group is matched by). */
  readonly id: string
  /** The server's own reference, where it assigns one (an Opendatasoft group uid). */
  readonly ref?: string
  readonly name?: string
  /** Direct parents, sorted. */
  readonly parents: readonly string[]
  /** Permissions granted to the group's members, sorted, where the target has them. */
  readonly permissions?: readonly string[]
  /** Permissions on workspaces and data sources (GoodData Cloud), when they were read. */
  readonly scopedPermissions?: ScopedPermissions
}

export type EntityKind = 'user' | 'userGroup'

/** Why an id is never touched, whatever the config says. */
export interface AutomaticProtection {
  readonly kind: EntityKind
  readonly id: string
  readonly reason: string
}

/** Everything read from the target before planning. */
export interface ActualState {
  readonly users: readonly ActualUser[]
  readonly userGroups: readonly ActualUserGroup[]
  /** The token's own user, the bootstrap user and group: found on the target, not configured. */
  readonly protectedIds: readonly AutomaticProtection[]
  /** Where users hold a project role (the legacy GoodData Platform): the project's role identifiers. */
  readonly roles?: readonly string[]
  /** The workspaces and data sources there are to grant on (GoodData Cloud), when permissions were read. */
  readonly scopes?: PermissionScopes
}
