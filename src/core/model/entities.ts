import type { UserTextField } from '../targets/user-fields.js'
import type { Problem, SourcePosition } from './problem.js'
import type { DataSourceAssignment, WorkspaceAssignment } from './scoped-permissions.js'

/** The text fields of a user this tool manages (the catalog in user-fields.ts); absent and empty are the same. */
export type UserAttributes = { readonly [K in UserTextField]?: string }

/** A user as declared in the config, normalised: absent and empty strings are `undefined`. */
export interface DeclaredUser extends UserAttributes, DeclaredScopedPermissions {
  readonly id: string
  /** Direct group memberships, sorted, without duplicates. */
  readonly userGroups: readonly string[]
  readonly isActive: boolean
  /** Opendatasoft only. */
  readonly permissions?: readonly string[]
  readonly source: SourcePosition
}

/**
 * GoodData Cloud: permissions declared on workspaces and data sources, by id, sorted; an entry may
 * be empty (none on that one). Absent: the config leaves that kind of permission alone.
 */
export interface DeclaredScopedPermissions {
  readonly workspacePermissions?: readonly WorkspaceAssignment[]
  readonly dataSourcePermissions?: readonly DataSourceAssignment[]
}

/** A user group as declared in the config; the name defaults to the id. */
export interface DeclaredUserGroup extends DeclaredScopedPermissions {
  readonly id: string
  readonly name: string
  /** Direct parents, sorted, without duplicates. */
  readonly parents: readonly string[]
  readonly isActive: boolean
  /** Opendatasoft only. */
  readonly permissions?: readonly string[]
  readonly source: SourcePosition
}

export type TargetType = 'gooddata-cloud' | 'opendatasoft' | 'gooddata-platform'
export type LoadMode = 'full' | 'incremental'

/** Id patterns per kind of entity, as written in provisioning.yaml. */
export interface PatternsByKind {
  readonly users: readonly string[]
  readonly userGroups: readonly string[]
}

/** Where to provision, and target-specific settings of how. */
export interface TargetSettings {
  readonly type: TargetType
  readonly host?: string
  /** Opendatasoft: new users are invited by email (the default) or provisioned through an identity provider. */
  readonly opendatasoft?: { readonly createUsersBy: 'invite' | 'provision'; readonly identityProvider?: string }
  /** The legacy GoodData Platform: the user domain and the project, and how users leave it. */
  readonly gooddataPlatform?: GoodDataPlatformSettings
}

/** How a legacy GoodData Platform project is provisioned. */
export interface GoodDataPlatformSettings {
  readonly domain: string
  readonly project: string
  readonly removal: 'disable' | 'remove-from-project' | 'delete-account'
  readonly defaultRole: string
  readonly ssoProvider?: string
}

/** provisioning.yaml with its defaults applied. */
export interface ProvisioningSettings {
  readonly target: TargetSettings
  readonly load: LoadMode
  readonly protected: PatternsByKind
  readonly unmanaged: PatternsByKind
  readonly limits: {
    readonly maxDeletions?: number
    readonly maxDeletionRatio: number
    readonly maxMembershipRemovals?: number
    readonly maxMembershipRemovalRatio?: number
    readonly maxPermissionRevocations?: number
    readonly maxPermissionRevocationRatio?: number
  }
}

/** Everything a config folder declares, checked and resolved. */
export interface DesiredState {
  readonly users: readonly DeclaredUser[]
  readonly userGroups: readonly DeclaredUserGroup[]
  readonly settings: ProvisioningSettings
  /** The files read, in the order they were read. */
  readonly files: readonly string[]
  /** What is valid but likely wrong (a permission name the target does not list), to show, not to stop at. */
  readonly warnings?: readonly Problem[]
}

export const DEFAULT_MAX_DELETION_RATIO = 0.25
