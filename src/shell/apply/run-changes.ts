import type { Change } from '../../core/model/change.js'
import { changeKey, type PlannedChange } from '../../core/plan/plan.js'
import type { ApplyEntry } from '../../core/render/render-apply.js'

/** Which ready changes may go in one request: those with the same key, `max` at most. */
export interface Batching {
  keyOf(change: Change): string | undefined
  readonly max: number
}

export interface RunOptions {
  /** Sends one request: one change, or several that share a batch key; an entry per change, in order. */
  readonly apply: (changes: readonly Change[], batched: boolean) => Promise<ApplyEntry[]>
  readonly batching: Batching
  readonly concurrency: number
  /** Called as each change ends. */
  readonly record: (entry: ApplyEntry) => void
}

/** One request waiting for a free slot, or sent; a lone change with a batch key is a batch of one. */
interface Unit {
  readonly items: PlannedChange[]
  readonly batched: boolean
  sent: boolean
}

/**
 * Kahn's algorithm over the whole plan under a concurrency bound: a change starts as soon as every
 * change it depends on has succeeded, wherever either stands in the plan, so no change waits for an
 * unrelated slow one; it is skipped, naming them, when one of them failed or was skipped. Ready
 * changes that share a batch key go out as one request, and a request still waiting for a slot
 * takes in changes of its key that become ready meanwhile, up to `max`. Answers each change's
 * entry by its key.
 */
export async function runChanges(
  changes: readonly PlannedChange[],
  options: RunOptions,
): Promise<ReadonlyMap<string, ApplyEntry>> {
  const { apply, batching, concurrency, record } = options
  const outcomes = new Map<string, ApplyEntry>()
  const inPlan = new Set(changes.map((item) => changeKey(item.change)))
  const waitingOn = new Map<string, number>()
  const dependents = new Map<string, PlannedChange[]>()
  // A queue read by index: shift() would move the whole array on every change of a large plan.
  const ready: PlannedChange[] = []
  let next = 0
  for (const item of changes) {
    const open = [...new Set(item.dependsOn)].filter((key) => inPlan.has(key))
    waitingOn.set(changeKey(item.change), open.length)
    for (const key of open) {
      const list = dependents.get(key)
      if (list) list.push(item)
      else dependents.set(key, [item])
    }
    if (open.length === 0) ready.push(item)
  }
  const finish = (item: PlannedChange, entry: ApplyEntry) => {
    outcomes.set(changeKey(item.change), entry)
    record(entry)
    for (const dependent of dependents.get(changeKey(item.change)) ?? []) {
      const key = changeKey(dependent.change)
      const left = waitingOn.get(key)! - 1
      waitingOn.set(key, left)
      if (left === 0) ready.push(dependent)
    }
  }
  // Requests in the order their first change became ready: a queue read by index, like `ready`.
  const units: Unit[] = []
  let nextUnit = 0
  // Per batch key, the last request made for it: it takes more changes until it is sent or full.
  const filling = new Map<string, Unit>()
  const group = () => {
    // Skipping a change can make others ready: the loop reads them too.
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
      const unit = key === undefined ? undefined : filling.get(key)
      if (unit && !unit.sent && unit.items.length < batching.max) {
        unit.items.push(item)
        continue
      }
      const created: Unit = { items: [item], batched: key !== undefined, sent: false }
      units.push(created)
      if (key !== undefined) filling.set(key, created)
    }
  }
  await new Promise<void>((resolve) => {
    let active = 0
    const pump = () => {
      group()
      while (active < concurrency && nextUnit < units.length) {
        const unit = units[nextUnit++]!
        unit.sent = true
        active++
        void apply(
          unit.items.map((item) => item.change),
          unit.batched,
        ).then((entries) => {
          active--
          unit.items.forEach((item, index) => {
            finish(item, entries[index]!)
          })
          pump()
        })
      }
      if (active === 0 && nextUnit === units.length && next === ready.length) resolve()
    }
    pump()
  })
  // Only a cycle leaves a change waiting when nothing runs (the planner makes none): it is skipped, naming what it waited for.
  for (const item of changes) {
    if (outcomes.has(changeKey(item.change))) continue
    const because = item.dependsOn.filter((key) => inPlan.has(key) && !outcomes.has(key))
    const entry: ApplyEntry = { change: item.change, outcome: 'skipped', because }
    outcomes.set(changeKey(item.change), entry)
    record(entry)
  }
  return outcomes
}
