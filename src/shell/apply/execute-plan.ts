import { changeEffect, type Change } from '../../core/model/change.js'
import { changeKey, type Plan, type PlannedChange } from '../../core/plan/plan.js'
import type { ApplyEntry } from '../../core/render/render-apply.js'
import { ApiError } from '../http/api-error.js'
import type { AssignedReferences, Target } from '../targets/target.js'

/** What happened to one change. */
export type JournalEntry = ApplyEntry

export interface ExecutionResult {
  /** One entry per planned change, in plan order. */
  readonly journal: readonly JournalEntry[]
  readonly counts: { readonly applied: number; readonly failed: number; readonly skipped: number }
}

export interface ExecuteOptions {
  readonly concurrency: number
  /** Called after each change ends. */
  readonly onProgress?: (progress: { done: number; total: number; failed: number; entry: JournalEntry }) => void
}

/**
 * Applies a plan: phases in plan order (group creates, group updates, user creates and updates,
 * user deletes, group deletes), each running independent changes concurrently under the bound.
 * A failed change does not stop the others; a change that depends on one that failed is skipped.
 */
export async function executePlan(plan: Plan, target: Target, options: ExecuteOptions): Promise<ExecutionResult> {
  const outcomes = new Map<string, JournalEntry>()
  // References the server gave what this apply created, for the changes that name it next.
  const assigned = new Map<string, string>()
  const references = { refOf: (kind: 'user' | 'userGroup', id: string) => assigned.get(`${kind}:${id}`) }
  let failed = 0
  const record = (entry: JournalEntry) => {
    outcomes.set(changeKey(entry.change), entry)
    if (entry.outcome === 'failed') failed++
    options.onProgress?.({ done: outcomes.size, total: plan.changes.length, failed, entry })
  }
  const apply = async (change: Change) => {
    const entry = await applyOne(target, change, references)
    // Only a create names a new entity; what the server answers to other writes is not a reference.
    if (entry.ref !== undefined && change.action === 'create') assigned.set(`${change.kind}:${change.id}`, entry.ref)
    return entry.journal
  }
  for (const phase of phases(plan.changes)) await runPhase(phase, apply, options.concurrency, outcomes, record)
  const journal = plan.changes.map((item) => outcomes.get(changeKey(item.change))!)
  const count = (outcome: JournalEntry['outcome']) => journal.filter((entry) => entry.outcome === outcome).length
  return { journal, counts: { applied: count('applied') + count('already-applied'), failed: count('failed'), skipped: count('skipped') } }
}

/** Splits the plan at each change of execution phase, keeping plan order. */
function phases(changes: readonly PlannedChange[]): PlannedChange[][] {
  const phaseOf = ({ change }: PlannedChange) => (change.kind === 'user' ? (changeEffect(change) === 'delete' ? 'user-remove' : 'user-write') : `${change.kind}-${change.action}`)
  const out: PlannedChange[][] = []
  let last: string | undefined
  for (const item of changes) {
    if (phaseOf(item) !== last) out.push([])
    out[out.length - 1]!.push(item)
    last = phaseOf(item)
  }
  return out
}

/** Kahn's algorithm under a concurrency bound: a change starts once every dependency in its phase has ended. */
async function runPhase(items: readonly PlannedChange[], apply: (change: Change) => Promise<JournalEntry>, concurrency: number, outcomes: ReadonlyMap<string, JournalEntry>, record: (entry: JournalEntry) => void) {
  const inPhase = new Set(items.map((item) => changeKey(item.change)))
  const waitingOn = new Map<string, number>()
  const dependents = new Map<string, PlannedChange[]>()
  // A queue read by index: shift() would move the whole array on every change of a large phase.
  const ready: PlannedChange[] = []
  let next = 0
  for (const item of items) {
    const open = item.dependsOn.filter((key) => inPhase.has(key))
    waitingOn.set(changeKey(item.change), open.length)
    for (const key of open) {
      const list = dependents.get(key)
      if (list) list.push(item)
      else dependents.set(key, [item])
    }
    if (open.length === 0) ready.push(item)
  }
  const finish = (item: PlannedChange, entry: JournalEntry) => {
    record(entry)
    for (const dependent of dependents.get(changeKey(item.change)) ?? []) {
      const key = changeKey(dependent.change)
      const left = waitingOn.get(key)! - 1
      waitingOn.set(key, left)
      if (left === 0) ready.push(dependent)
    }
  }
  await new Promise<void>((resolve) => {
    let active = 0
    const pump = () => {
      while (active < concurrency && next < ready.length) {
        const item = ready[next++]!
        const failedDependencies = item.dependsOn.filter((key) => {
          const outcome = outcomes.get(key)?.outcome
          return outcome === 'failed' || outcome === 'skipped'
        })
        if (failedDependencies.length > 0) {
          finish(item, { change: item.change, outcome: 'skipped', because: failedDependencies })
          continue
        }
        active++
        void apply(item.change).then((entry) => {
          active--
          finish(item, entry)
          pump()
        })
      }
      if (active === 0 && next === ready.length) resolve()
    }
    pump()
  })
}

async function applyOne(target: Target, change: Change, references: AssignedReferences): Promise<{ journal: JournalEntry; ref?: string }> {
  try {
    const applied = await target.applyChange(change, references)
    return { journal: { change, outcome: applied.outcome }, ...(applied.ref === undefined ? {} : { ref: applied.ref }) }
  } catch (error) {
    if (error instanceof ApiError) {
      const journal: JournalEntry = {
        change,
        outcome: 'failed',
        error: error.message,
        ...(error.status === undefined ? {} : { status: error.status }),
        ...(error.traceId === undefined ? {} : { traceId: error.traceId }),
        mayHaveApplied: error.status === undefined || error.attempts > 1,
      }
      return { journal }
    }
    return { journal: { change, outcome: 'failed', error: error instanceof Error ? error.message : String(error), mayHaveApplied: true } }
  }
}
