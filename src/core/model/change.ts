import type { ActualUser, ActualUserGroup } from './actual-state.js'
import type { UserAttributes } from './entities.js'

/** The fields of a user this tool manages, as they should be after a change. */
export interface UserFields extends UserAttributes {
  readonly userGroups: readonly string[]
}

/** The fields of a user group this tool manages. */
export interface UserGroupFields {
  readonly name: string
  readonly parents: readonly string[]
}

/** One change to one entity: what a plan lists and an executor applies, one request each. */
export type Change =
  | { readonly action: 'create'; readonly kind: 'user'; readonly id: string; readonly after: UserFields }
  | { readonly action: 'update'; readonly kind: 'user'; readonly id: string; readonly before: ActualUser; readonly after: UserFields }
  | { readonly action: 'delete'; readonly kind: 'user'; readonly id: string; readonly before: ActualUser }
  | { readonly action: 'create'; readonly kind: 'userGroup'; readonly id: string; readonly after: UserGroupFields }
  | { readonly action: 'update'; readonly kind: 'userGroup'; readonly id: string; readonly before: ActualUserGroup; readonly after: UserGroupFields }
  | { readonly action: 'delete'; readonly kind: 'userGroup'; readonly id: string; readonly before: ActualUserGroup }
