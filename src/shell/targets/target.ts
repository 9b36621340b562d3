import type { ActualState } from '../../core/model/actual-state.js'
import type { Change } from '../../core/model/change.js'

/**
 * How a target differs from the others, so the planner and executor can adapt: GoodData Cloud
 * nests groups, takes declared group ids and deletes; Opendatasoft has flat groups whose ids it
 * assigns itself; the legacy GoodData Platform removes people from a project by disabling them.
 */
export interface TargetCapabilities {
  readonly nestedGroups: boolean
  readonly groupIds: 'declared' | 'assigned-by-target'
  readonly userRemoval: 'delete' | 'disable'
}

/** How a change ended when it did not fail. */
export type AppliedOutcome = 'applied' | 'already-applied'

/** A platform users and groups are provisioned to: read everything once, then one request per change. */
export interface Target {
  /** For people: e.g. "GoodData Cloud at https://analytics.example.com". */
  readonly description: string
  readonly capabilities: TargetCapabilities
  readState(): Promise<ActualState>
  /** Applies one change; throws ApiError when the target refuses it. */
  applyChange(change: Change): Promise<AppliedOutcome>
  close(): Promise<void>
}
