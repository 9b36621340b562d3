import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import type { Change } from '../../src/core/model/change.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { GOODDATA_CLOUD, GOODDATA_PLATFORM, OPENDATASOFT } from '../../src/core/targets/profiles.js'
import type { TargetProfile } from '../../src/core/targets/target-profile.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { AppliedChange, Target } from '../../src/shell/targets/target.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const name = (change: Change) => `${change.action} ${change.id}${'group' in change ? `→${change.group}` : ''}`

/**
 * An in-memory target that logs when each change starts and ends. A held change stays in flight
 * until the test releases it; a failing one is refused. No clocks: the test waits for the event
 * loop to run dry, then looks at what started.
 */
class GatedTarget implements Target {
  readonly description = 'gated'
  readonly host = 'memory:'
  readonly events: string[] = []
  private readonly gates = new Map<string, () => void>()

  constructor(
    readonly profile: TargetProfile,
    private readonly held: readonly string[] = [],
    private readonly failing: readonly string[] = [],
  ) {}

  async readState(): Promise<ActualState> {
    return actualState([], [])
  }

  async applyChange(change: Change): Promise<AppliedChange> {
    const said = name(change)
    this.events.push(`start ${said}`)
    await new Promise<void>((resolve) =>
      this.held.includes(said) ? this.gates.set(said, resolve) : setImmediate(resolve),
    )
    this.events.push(`end ${said}`)
    if (this.failing.includes(said))
      throw new ApiError({ status: 400, method: 'PUT', path: `/x/${change.id}`, detail: 'refused', attempts: 1 })
    return { outcome: 'applied' }
  }

  release(said: string) {
    this.gates.get(said)!()
  }

  started(said: string) {
    return this.events.includes(`start ${said}`)
  }

  async close(): Promise<void> {}
}

/** Lets every change that is not held run to its end. */
async function settle() {
  for (let round = 0; round < 50; round++) await new Promise((resolve) => setImmediate(resolve))
}

const anyDeletion = { limits: { maxDeletionRatio: 1 } }
const outcomes = (journal: readonly { change: Change; outcome: string; because?: readonly string[] }[]) =>
  journal.map(
    (entry) => `${name(entry.change)}: ${entry.outcome}${entry.because ? ` (${entry.because.join(', ')})` : ''}`,
  )

describe('executePlan runs each change after its own dependencies, not after a phase', () => {
  it('a slow group update does not hold back a user create that does not need it', async () => {
    const plan = computePlan(
      desiredState([desiredUser('u')], [desiredGroup('g', { name: 'New name' })]),
      actualState([], [actualGroup('g', { name: 'Old name' })]),
    )
    const target = new GatedTarget(GOODDATA_CLOUD, ['update g'])
    const running = executePlan(plan, target, { concurrency: 2 })
    await settle()
    expect(target.events).toEqual(['start update g', 'start create u', 'end create u'])
    target.release('update g')
    expect((await running).counts).toEqual({ applied: 2, failed: 0, skipped: 0 })
  })

  it('a group is deleted only after the user update that takes its member out of it has ended', async () => {
    const plan = computePlan(
      desiredState([desiredUser('ann'), desiredUser('cid')], [], anyDeletion),
      actualState([actualUser('ann', { userGroups: ['old'] })], [actualGroup('old')]),
    )
    const target = new GatedTarget(GOODDATA_CLOUD, ['update ann'])
    const running = executePlan(plan, target, { concurrency: 4 })
    await settle()
    expect(target.started('create cid')).toBe(true)
    expect(target.started('delete old')).toBe(false)
    target.release('update ann')
    await running
    expect(target.events.indexOf('start delete old')).toBeGreaterThan(target.events.indexOf('end update ann'))
  })

  it('skips the deletion of a group whose member could not be taken out, and says which change it waited for', async () => {
    const plan = computePlan(
      desiredState([desiredUser('ann'), desiredUser('cid')], [], anyDeletion),
      actualState([actualUser('ann', { userGroups: ['old'] })], [actualGroup('old')]),
    )
    const target = new GatedTarget(GOODDATA_CLOUD, [], ['update ann'])
    const result = await executePlan(plan, target, { concurrency: 4 })
    expect(outcomes(result.journal)).toEqual([
      'update ann: failed',
      'create cid: applied',
      'delete old: skipped (user:ann)',
    ])
    expect(target.started('delete old')).toBe(false)
  })

  it("the legacy platform: the last admin is disabled only after the new admin's create succeeded", async () => {
    const target = {
      type: 'gooddata-platform' as const,
      gooddataPlatform: { domain: 'acme', project: 'p1', removal: 'disable' as const, defaultRole: 'editorRole' },
    }
    const live = {
      ...actualState([actualUser('boss@acme.example', { role: 'adminRole' })], []),
      roles: ['adminRole', 'editorRole'],
    }
    const desired = desiredState([desiredUser('new@acme.example', { role: 'admin' })], [], { ...anyDeletion, target })
    const plan = computePlan(desired, live, { profile: GOODDATA_PLATFORM })

    const slow = new GatedTarget(GOODDATA_PLATFORM, ['create new@acme.example'])
    const running = executePlan(plan, slow, { concurrency: 4 })
    await settle()
    expect(slow.events).toEqual(['start create new@acme.example'])
    slow.release('create new@acme.example')
    expect((await running).counts.applied).toBe(2)

    const refused = await executePlan(plan, new GatedTarget(GOODDATA_PLATFORM, [], ['create new@acme.example']), {
      concurrency: 4,
    })
    expect(outcomes(refused.journal)).toEqual([
      'create new@acme.example: failed',
      'disable boss@acme.example: skipped (user:new@acme.example)',
    ])
  })
})

describe('batches without phases', () => {
  it('a batch still waiting for a free slot takes in changes of its key that become ready meanwhile', async () => {
    const requests: string[] = []
    const target: Target = {
      description: 'batching',
      host: 'memory:',
      profile: OPENDATASOFT,
      maxBatch: 3,
      readState: async () => actualState([], []),
      batchKeyOf: (change) =>
        change.action === 'create' ? 'invite' : change.action === 'add-member' ? `members:${change.group}` : undefined,
      applyChange: async () => {
        throw new Error('every change here batches')
      },
      applyBatch: async (changes) => {
        requests.push(changes.map(name).join(' + '))
        await new Promise((resolve) => setImmediate(resolve))
        return changes.map((): AppliedChange => ({ outcome: 'applied' }))
      },
      close: async () => {},
    }
    const emails = (id: string) => ({ email: `${id}@example.com` })
    const plan = computePlan(
      desiredState(
        ['ann', 'dan', 'eve'].map((id) => desiredUser(id, { ...emails(id), userGroups: ['team'] })),
        [desiredGroup('team')],
        { target: { type: 'opendatasoft' } },
      ),
      actualState(
        ['dan', 'eve'].map((id) => actualUser(id, emails(id))),
        [actualGroup('team', { ref: 'team' })],
      ),
      { profile: OPENDATASOFT },
    )
    const result = await executePlan(plan, target, { concurrency: 1 })
    expect(result.counts).toEqual({ applied: 4, failed: 0, skipped: 0 })
    // ann's membership became ready while dan's and eve's waited behind ann's invite: one request for all three.
    expect(requests).toEqual(['create ann', 'add-member dan→team + add-member eve→team + add-member ann→team'])
  })
})
