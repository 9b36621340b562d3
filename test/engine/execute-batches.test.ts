import { describe, expect, it } from 'vitest'
import type { Change } from '../../src/core/model/change.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { AppliedChange, Target } from '../../src/shell/targets/target.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

/** A target whose API takes user creates in one request and memberships in one request per group. */
function batchingTarget(options: { failInvite?: string; failWholeGroup?: string } = {}) {
  const requests: string[] = []
  const target: Target = {
    description: 'batching',
    host: 'memory:',
    profile: OPENDATASOFT,
    maxBatch: 2,
    readState: async () => actualState([], []),
    batchKeyOf: (change) =>
      change.action === 'create' && change.kind === 'user'
        ? 'invite'
        : change.action === 'add-member'
          ? `members:${change.group}`
          : undefined,
    applyChange: async (change) => {
      requests.push(`${change.action} ${change.id}`)
      return {
        outcome: 'applied',
        ...(change.action === 'create' && change.kind === 'userGroup' ? { ref: `uid-${change.id}` } : {}),
      }
    },
    applyBatch: async (changes: readonly Change[]) => {
      requests.push(
        changes
          .map((change) => `${change.action} ${change.id}${'group' in change ? `→${change.group}` : ''}`)
          .join(' + '),
      )
      if (changes.some((change) => 'group' in change && change.group === options.failWholeGroup)) {
        throw new ApiError({ status: 503, method: 'POST', path: '/groups/x/users/batch/', attempts: 3 })
      }
      return changes.map((change): AppliedChange | ApiError =>
        change.id === options.failInvite
          ? new ApiError({
              status: 200,
              method: 'POST',
              path: '/users/invite/',
              detail: 'item 1: already-member',
              attempts: 1,
            })
          : { outcome: 'applied' },
      )
    },
    close: async () => {},
  }
  return { target, requests }
}

const emails = (id: string) => ({ email: `${id}@example.com` })
const desired = desiredState(
  ['ann', 'bob', 'cid'].map((id) => desiredUser(id, { ...emails(id), userGroups: ['team'] })),
  [desiredGroup('team')],
  { target: { type: 'opendatasoft' } },
)

describe('executePlan sends changes the target batches together, within its bound', () => {
  it('invites users and adds members in as few requests as the bound allows', async () => {
    const { target, requests } = batchingTarget()
    const plan = computePlan(desired, actualState([], [actualGroup('team')]), { profile: OPENDATASOFT })
    const result = await executePlan(plan, target, { concurrency: 4 })
    expect(result.counts).toEqual({ applied: 6, failed: 0, skipped: 0 })
    expect(requests).toEqual([
      'create ann + create bob',
      'create cid',
      'add-member ann→team + add-member bob→team',
      'add-member cid→team',
    ])
  })

  it('journals a failed item of a batch on its own change and skips only what depends on it', async () => {
    const { target, requests } = batchingTarget({ failInvite: 'bob' })
    const plan = computePlan(desired, actualState([], [actualGroup('team')]), { profile: OPENDATASOFT })
    const result = await executePlan(plan, target, { concurrency: 1 })
    const outcome = (action: string, id: string) =>
      result.journal.find((entry) => entry.change.action === action && entry.change.id === id)
    expect(outcome('create', 'bob')).toMatchObject({ outcome: 'failed', status: 200, mayHaveApplied: false })
    expect(outcome('add-member', 'bob')).toMatchObject({ outcome: 'skipped', because: ['user:bob'] })
    expect(outcome('add-member', 'ann')?.outcome).toBe('applied')
    expect(result.counts).toEqual({ applied: 4, failed: 1, skipped: 1 })
    expect(requests).not.toContain(expect.stringContaining('add-member bob'))
  })

  it('fails every change of a request that failed as a whole, and says they may have applied after retries', async () => {
    const { target } = batchingTarget({ failWholeGroup: 'team' })
    const plan = computePlan(
      desired,
      actualState(
        ['ann', 'bob'].map((id) => actualUser(id, emails(id))),
        [actualGroup('team')],
      ),
      { profile: OPENDATASOFT },
    )
    const result = await executePlan(plan, target, { concurrency: 2 })
    const members = result.journal.filter((entry) => entry.change.action === 'add-member')
    expect(members.map((entry) => entry.outcome)).toEqual(['failed', 'failed', 'failed'])
    expect(members.every((entry) => entry.outcome === 'failed' && entry.mayHaveApplied)).toBe(true)
  })
})
