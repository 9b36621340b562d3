import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import type { Change } from '../../src/core/model/change.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { AppliedChange, Target } from '../../src/shell/targets/target.js'
import { GOODDATA_CLOUD } from '../../src/core/targets/profiles.js'
import { actualState, desiredGroup, desiredState, desiredUser } from '../support/states.js'

/** An in-memory target that records calls, holds each for a tick, and fails the ids it is told to. */
class FakeTarget implements Target {
  readonly description = 'fake'
  readonly host = 'memory:'
  readonly profile = GOODDATA_CLOUD
  readonly calls: string[] = []
  inFlight = 0
  mostInFlight = 0
  constructor(private readonly failing: ReadonlySet<string> = new Set()) {}
  async readState(): Promise<ActualState> {
    return actualState([], [])
  }
  async applyChange(change: Change): Promise<AppliedChange> {
    this.inFlight++
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight)
    await new Promise((resolve) => setTimeout(resolve, 2))
    this.inFlight--
    this.calls.push(`${change.action} ${change.id}`)
    if (this.failing.has(change.id))
      throw new ApiError({ status: 400, method: 'POST', path: `/x/${change.id}`, detail: 'refused', attempts: 1 })
    return { outcome: 'applied' }
  }
  async close(): Promise<void> {}
}

describe('executePlan', () => {
  it('keeps at most `concurrency` changes in flight', async () => {
    const plan = computePlan(
      desiredState(
        Array.from({ length: 40 }, (_, i) => desiredUser(`u${i}`)),
        [desiredGroup('g')],
      ),
      actualState([], []),
    )
    const target = new FakeTarget()
    const result = await executePlan(plan, target, { concurrency: 4 })
    expect(result.counts).toEqual({ applied: 41, failed: 0, skipped: 0 })
    expect(target.mostInFlight).toBe(4)
  })

  it('creates parents before children, and skips what depends on a failure without stopping the rest', async () => {
    const desired = desiredState(
      [desiredUser('a', { userGroups: ['leaf'] }), desiredUser('b', { userGroups: ['root'] }), desiredUser('c')],
      [desiredGroup('root'), desiredGroup('mid', { parents: ['root'] }), desiredGroup('leaf', { parents: ['mid'] })],
    )
    const target = new FakeTarget(new Set(['mid']))
    const progress: number[] = []
    const result = await executePlan(computePlan(desired, actualState([], [])), target, {
      concurrency: 8,
      onProgress: ({ done }) => progress.push(done),
    })
    // c waits for nothing, so it need not wait for the groups; mid waits for root.
    expect(target.calls.indexOf('create mid')).toBeGreaterThan(target.calls.indexOf('create root'))
    expect(
      result.journal.map(
        (entry) =>
          `${entry.change.id}: ${entry.outcome}${entry.outcome === 'skipped' ? ` (${entry.because.join(',')})` : ''}`,
      ),
    ).toEqual([
      'root: applied',
      'mid: failed',
      'leaf: skipped (userGroup:mid)',
      'a: skipped (userGroup:leaf)',
      'b: applied',
      'c: applied',
    ])
    expect(result.journal[1]).toMatchObject({ outcome: 'failed', status: 400, error: 'POST /x/mid → 400: refused' })
    expect(target.calls).not.toContain('create leaf')
    expect(progress).toEqual([1, 2, 3, 4, 5, 6])
  })
})
