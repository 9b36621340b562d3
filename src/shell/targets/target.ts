import type { ActualState, EntityKind } from '../../core/model/actual-state.js'
import type { Change } from '../../core/model/change.js'
import type { TargetProfile } from '../../core/targets/target-profile.js'
import type { ApiError } from '../http/api-error.js'

/** How a change ended when it did not fail. */
export type AppliedOutcome = 'applied' | 'already-applied'

/** A change that went through, and the reference the server gave what it created, when it assigns them. */
export interface AppliedChange {
  readonly outcome: AppliedOutcome
  /** The server's id of a created entity (Opendatasoft group uids, legacy profile ids). */
  readonly ref?: string
  /** Where the server chose the id the config names it by (an Opendatasoft uid or username): that id. */
  readonly key?: string
}

/** The references the server assigned during this apply, for changes that name what was just created. */
export interface AssignedReferences {
  refOf(kind: EntityKind, id: string): string | undefined
}

/** A platform users and groups are provisioned to: read everything once, then one request per change. */
/** What to read besides users and groups. */
export interface ReadOptions {
  /** Permissions on workspaces and data sources (GoodData Cloud), with the workspaces and data sources there are. */
  readonly permissions?: boolean
}

export interface Target {
  /** For people: e.g. "GoodData Cloud at https://analytics.example.com". */
  readonly description: string
  /** The origin requests go to, normalised. */
  readonly host: string
  /** The target's pure profile: capabilities, fields, config keys. */
  readonly profile: TargetProfile
  readState(options?: ReadOptions): Promise<ActualState>
  /** Applies one change; throws ApiError when the target refuses it. */
  applyChange(change: Change, assigned?: AssignedReferences): Promise<AppliedChange>
  /**
   * Where the API takes several changes in one request (Opendatasoft's invite and member batches):
   * changes with the same key may go together, at most `maxBatch` at once. Undefined: one by one.
   */
  batchKeyOf?(change: Change, assigned: AssignedReferences): string | undefined
  readonly maxBatch?: number
  /**
   * Applies changes that share a batch key in one request: one result per change, in order, either
   * what went through or the ApiError of that item. Throws ApiError when the request as a whole failed.
   */
  applyBatch?(changes: readonly Change[], assigned: AssignedReferences): Promise<readonly (AppliedChange | ApiError)[]>
  close(): Promise<void>
}
