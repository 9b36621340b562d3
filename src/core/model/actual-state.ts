import type { UserAttributes } from './entities.js'

/** A user as the target has it. */
export interface ActualUser extends UserAttributes {
  readonly id: string
  /** Direct group memberships, sorted. */
  readonly userGroups: readonly string[]
  /** Attributes this tool does not manage (e.g. GoodData's systemAccount), carried over on update. */
  readonly unmanaged: Readonly<Record<string, unknown>>
  /** Disabled on a target that removes users by disabling them: present, without access. */
  readonly disabled?: boolean
}

/** A user group as the target has it; `name` is absent when the target has none. */
export interface ActualUserGroup {
  readonly id: string
  readonly name?: string
  /** Direct parents, sorted. */
  readonly parents: readonly string[]
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
}
