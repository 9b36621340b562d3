import type { ApplyRun } from './apply-run.js'
import type { Network } from './lower-bound.js'
import type { NoChangeRead, PermissionsReadRun } from './no-change-reads.js'
import type { TargetResult } from './other-targets.js'
import type { ModelRun } from './pipelines-run.js'

/** Validate, diff and render in a process of their own, with its peak memory: the median of `runs` by total time. */
export interface PlanCpu {
  readonly validateMs: number
  readonly diffMs: number
  readonly renderMs: number
  /**
   * The CPU time of the run's main thread over validate + diff + render (the work of GC and compiler threads beside it
   * not counted): what the wall time would be on an idle machine, give or take what those threads take off it.
   */
  readonly cpuMs: number
  readonly peakMb: number
  readonly runs: number
  readonly fastestMs: number
  readonly slowestMs: number
  /** The peak of one run with V8's defaults, without the flags the action and the CLI set (src/shell/v8-flags.ts). */
  readonly peakMbV8Defaults: number
}

/** Everything one size of organization gave. */
export interface SizeResult {
  readonly users: number
  readonly groups: number
  /** Of the organization 5% apart. */
  readonly changes: number
  readonly plan: PlanCpu
  readonly noChange: readonly NoChangeRead[]
  readonly permissionReads: readonly PermissionsReadRun[]
  /** At the near latency at each concurrency, and at the remote latency at concurrency 8. */
  readonly applies: readonly ApplyRun[]
  readonly models: readonly ModelRun[]
}

/** One run of `npm run bench`, as results.json holds it. */
export interface BenchResults {
  readonly date: string
  readonly machine: string
  readonly node: string
  readonly quick: boolean
  readonly near: Network
  readonly remote: Network
  readonly concurrencies: readonly number[]
  readonly sizes: readonly SizeResult[]
  readonly targets: readonly TargetResult[]
  readonly minutes: number
  /** The machine's one-minute load average as the run began and ended: other work on it slows the run down. */
  readonly loadAverage: { readonly start: number; readonly end: number }
}

/** The apply at concurrency 8 at this latency: the one compared with the bound's target and with the model. */
export function applyAtEight(size: SizeResult, latencyMs: number): ApplyRun | undefined {
  return size.applies.find((run) => run.latencyMs === latencyMs && run.concurrency === 8)
}
