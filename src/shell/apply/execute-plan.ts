import type { Change } from '../../core/model/change.js'
import { changeKey, type Plan } from '../../core/plan/plan.js'
import type { ApplyEntry } from '../../core/render/render-apply.js'
import { ApiError } from '../http/api-error.js'
import type { AppliedChange, AssignedReferences, Target } from '../targets/target.js'
import { runChanges, type Batching } from './run-changes.js'

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
 * Applies a plan: each change as soon as the changes it depends on (`dependsOn`) have succeeded,
 * under the concurrency bound, changes the target batches together in one request. A failed change
 * does not stop the others; a change that depends on one that failed is skipped.
 */
export async function executePlan(plan: Plan, target: Target, options: ExecuteOptions): Promise<ExecutionResult> {
  // References the server gave what this apply created, for the changes that name it next.
  const assigned = new Map<string, string>()
  const references = { refOf: (kind: 'user' | 'userGroup', id: string) => assigned.get(`${kind}:${id}`) }
  let done = 0
  let failed = 0
  const record = (entry: JournalEntry) => {
    done++
    if (entry.outcome === 'failed') failed++
    options.onProgress?.({ done, total: plan.changes.length, failed, entry })
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
  const outcomes = await runChanges(plan.changes, { apply, batching, concurrency: options.concurrency, record })
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
