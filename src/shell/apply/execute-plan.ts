import { changeEffect, type Change } from '../../core/model/change.js'
import { changeKey, type Plan, type PlannedChange } from '../../core/plan/plan.js'
import type { ApplyEntry } from '../../core/render/render-apply.js'
import { ApiError } from '../http/api-error.js'
import type { AppliedChange, AssignedReferences, Target } from '../targets/target.js'

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
  const apply = async (changes: readonly Change[], batched: boolean) => {
    const entries =
      batched && target.applyBatch
        ? await applyMany(target, changes, references)
        : [await applyOne(target, changes[0]!, references)]
    entries.forEach((entry, index) => {
      const change = changes[index]!
      // Only a create names a new entity; what the server answers to other writes is not a reference.
      if (entry.ref !== undefined && change.action === 'create') assigned.set(`${change.kind}:${change.id}`, entry.ref)
    })
    return entries.map((entry) => entry.journal)
  }
  const batching: Batching = { keyOf: (change) => target.batchKeyOf?.(change, references), max: target.maxBatch ?? 1 }
  for (const phase of phases(plan.changes))
    await runPhase(phase, apply, batching, options.concurrency, outcomes, record)
  const journal = plan.changes.map((item) => outcomes.get(changeKey(item.change))!)
  const count = (outcome: JournalEntry['outcome']) => journal.filter((entry) => entry.outcome === outcome).length
  return {
    journal,
    counts: {
      applied: count('applied') + count('already-applied'),
      failed: count('failed'),
      skipped: count('skipped'),
    },
  }
}

/** Splits the plan at each change of execution phase, keeping plan order. */
function phases(changes: readonly PlannedChange[]): PlannedChange[][] {
  const phaseOf = ({ change }: PlannedChange) =>
    change.kind === 'user' || change.action === 'permissions'
      ? changeEffect(change) === 'delete'
        ? 'user-remove'
        : 'user-write'
      : `${change.kind}-${change.action}`
  const out: PlannedChange[][] = []
  let last: string | undefined
  for (const item of changes) {
    if (phaseOf(item) !== last) out.push([])
    out[out.length - 1]!.push(item)
    last = phaseOf(item)
  }
  return out
}

/** Which ready changes may go in one request: those with the same key, `max` at most. */
interface Batching {
  keyOf(change: Change): string | undefined
  readonly max: number
}

/**
 * Kahn's algorithm under a concurrency bound: a change starts once every dependency in its phase has
 * ended. Changes ready at the same moment that share a batch key go out as one request.
 */
async function runPhase(
  items: readonly PlannedChange[],
  apply: (changes: readonly Change[], batched: boolean) => Promise<JournalEntry[]>,
  batching: Batching,
  concurrency: number,
  outcomes: ReadonlyMap<string, JournalEntry>,
  record: (entry: JournalEntry) => void,
) {
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
  // Ready changes grouped into requests (a lone change with a batch key is a batch of one): a queue read by index, like `ready`.
  const units: { items: PlannedChange[]; batched: boolean }[] = []
  let nextUnit = 0
  const group = () => {
    const open = new Map<string, { items: PlannedChange[] }>()
    for (; next < ready.length; next++) {
      const item = ready[next]!
      const failedDependencies = item.dependsOn.filter((key) => {
        const outcome = outcomes.get(key)?.outcome
        return outcome === 'failed' || outcome === 'skipped'
      })
      if (failedDependencies.length > 0) {
        finish(item, { change: item.change, outcome: 'skipped', because: failedDependencies })
        continue
      }
      const key = batching.keyOf(item.change)
      const unit = key === undefined ? undefined : open.get(key)
      if (unit && unit.items.length < batching.max) {
        unit.items.push(item)
        continue
      }
      units.push({ items: [item], batched: key !== undefined })
      if (key !== undefined) open.set(key, units[units.length - 1]!)
    }
  }
  await new Promise<void>((resolve) => {
    let active = 0
    const pump = () => {
      // Skipping a change can make others ready, so group until nothing more comes.
      while (next < ready.length) group()
      while (active < concurrency && nextUnit < units.length) {
        const { items: unit, batched } = units[nextUnit++]!
        active++
        void apply(
          unit.map((item) => item.change),
          batched,
        ).then((entries) => {
          active--
          unit.forEach((item, index) => {
            finish(item, entries[index]!)
          })
          pump()
        })
      }
      if (active === 0 && nextUnit === units.length && next === ready.length) resolve()
    }
    pump()
  })
}

type Applied = { journal: JournalEntry; ref?: string }

async function applyOne(target: Target, change: Change, references: AssignedReferences): Promise<Applied> {
  try {
    return entryOf(change, await target.applyChange(change, references))
  } catch (error) {
    return entryOf(change, error)
  }
}

/** One request for several changes; a failure of the whole request fails each of them alike. */
async function applyMany(
  target: Target,
  changes: readonly Change[],
  references: AssignedReferences,
): Promise<Applied[]> {
  try {
    const results = await target.applyBatch!(changes, references)
    return changes.map((change, index) =>
      entryOf(change, results[index] ?? new Error('the target answered for fewer changes than it was sent')),
    )
  } catch (error) {
    return changes.map((change) => entryOf(change, error))
  }
}

/** A journal entry from what the target answered or threw for one change. */
function entryOf(change: Change, result: AppliedChange | unknown): Applied {
  if (result instanceof ApiError) {
    const journal: JournalEntry = {
      change,
      outcome: 'failed',
      error: result.message,
      ...(result.status === undefined ? {} : { status: result.status }),
      ...(result.traceId === undefined ? {} : { traceId: result.traceId }),
      mayHaveApplied: result.status === undefined || result.attempts > 1,
    }
    return { journal }
  }
  if (result instanceof Error || !isApplied(result)) {
    return {
      journal: {
        change,
        outcome: 'failed',
        error: result instanceof Error ? result.message : String(result),
        mayHaveApplied: true,
      },
    }
  }
  // A create whose entity the server named otherwise than the config: the config must say so next time.
  const assignedId =
    change.action === 'create' && result.key !== undefined && result.key !== change.id ? { assignedId: result.key } : {}
  return {
    journal: { change, outcome: result.outcome, ...assignedId },
    ...(result.ref === undefined ? {} : { ref: result.ref }),
  }
}

function isApplied(result: unknown): result is AppliedChange {
  return typeof result === 'object' && result !== null && 'outcome' in result
}
