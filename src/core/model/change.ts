import type { ActualUser, ActualUserGroup } from './actual-state.js'
import type { UserAttributes } from './entities.js'
import type { ScopedPermissions } from './scoped-permissions.js'

/** The fields of a user this tool manages, as they should be after a change. */
export interface UserFields extends UserAttributes {
  readonly userGroups: readonly string[]
  /** Where the target grants permissions (Opendatasoft): all the user's direct ones, sorted. */
  readonly permissions?: readonly string[]
}

/** The fields of a user group this tool manages. */
export interface UserGroupFields {
  readonly name: string
  readonly parents: readonly string[]
  /** Where the target grants permissions (Opendatasoft): all the group's, sorted. */
  readonly permissions?: readonly string[]
}

/** One change to one entity: what a plan lists and an executor applies, one request each. */
export type Change =
  | { readonly action: 'create'; readonly kind: 'user'; readonly id: string; readonly after: UserFields }
  | {
      readonly action: 'update'
      readonly kind: 'user'
      readonly id: string
      readonly before: ActualUser
      readonly after: UserFields
    }
  | { readonly action: 'delete'; readonly kind: 'user'; readonly id: string; readonly before: ActualUser }
  | { readonly action: 'create'; readonly kind: 'userGroup'; readonly id: string; readonly after: UserGroupFields }
  | {
      readonly action: 'update'
      readonly kind: 'userGroup'
      readonly id: string
      readonly before: ActualUserGroup
      readonly after: UserGroupFields
    }
  | { readonly action: 'delete'; readonly kind: 'userGroup'; readonly id: string; readonly before: ActualUserGroup }
  /** Where users leave by being disabled (the legacy GoodData Platform): kept on the target, without access. */
  | { readonly action: 'disable' | 'enable'; readonly kind: 'user'; readonly id: string; readonly before: ActualUser }
  /** Where membership is its own resource: one user joins or leaves one group. */
  | {
      readonly action: 'add-member' | 'remove-member'
      readonly kind: 'user'
      readonly id: string
      readonly group: string
    }
  /**
   * Where permissions on workspaces and data sources are their own assignment (GoodData Cloud):
   * everything one user or group holds directly, set whole.
   */
  | {
      readonly action: 'permissions'
      readonly kind: 'user' | 'userGroup'
      readonly id: string
      /** Named apart from a write's before/after: the permissions held now, and to hold after. */
      readonly from: ScopedPermissions
      readonly to: ScopedPermissions
    }

/** What a change does, for counting: disabling removes like a delete; enabling and memberships update. */
export function changeEffect(change: Change): 'create' | 'update' | 'delete' {
  if (change.action === 'create' || change.action === 'delete') return change.action
  return change.action === 'disable' ? 'delete' : 'update'
}
