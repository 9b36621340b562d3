import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const lines = (plan: ReturnType<typeof computePlan>) =>
  plan.changes.map(({ change }) => `${change.action} ${change.kind} ${change.id}`)
const token = { kind: 'user' as const, id: 'robot', reason: "the token's own user" }

describe('no lockout through groups', () => {
  it('protects the groups the token user is in, directly and through parents, and says why', () => {
    // The config forgets admins and its parent, which the token's user holds its rights through.
    const desired = desiredState(
      [desiredUser('robot', { userGroups: [] }), desiredUser('ann')],
      [desiredGroup('other')],
    )
    const actual = actualState(
      [actualUser('robot', { userGroups: ['admins'] }), actualUser('ann')],
      [actualGroup('admins', { parents: ['org-admins'] }), actualGroup('org-admins'), actualGroup('stale')],
      [token],
    )
    const plan = computePlan(desired, actual)
    expect(lines(plan)).toEqual(['create userGroup other', 'delete userGroup stale'])
    expect(plan.skipped.map((skip) => `${skip.id} ${skip.wouldHave}: ${skip.reason}`)).toEqual([
      "robot update: protected: the token's own user",
      'admins delete: protected: its member "robot" is the token\'s own user',
      'org-admins delete: protected: its member "robot" is the token\'s own user through "admins"',
    ])
  })
})

describe('membership removals are limited like deletions', () => {
  const members = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, '0')}`)
  const world = (total: number, removed: number, limits = {}) => {
    const desired = desiredState(
      members(total).map((id, i) => desiredUser(id, { userGroups: i < removed ? [] : ['g'] })),
      [desiredGroup('g')],
      { limits: { maxDeletionRatio: 0.25, ...limits } },
    )
    const actual = actualState(
      members(total).map((id) => actualUser(id, { userGroups: ['g'] })),
      [actualGroup('g')],
    )
    return computePlan(desired, actual)
  }

  it.each([
    [
      200,
      200,
      {},
      [
        'the plan takes 200 of 200 managed users who are in groups out of a group (100%); limits.max_membership_removal_ratio allows 25%',
      ],
    ],
    [
      40,
      11,
      {},
      [
        'the plan takes 11 of 40 managed users who are in groups out of a group (27.5%); limits.max_membership_removal_ratio allows 25%',
      ],
    ],
    [40, 10, {}, []],
    [8, 5, {}, []],
    [
      40,
      4,
      { maxMembershipRemovals: 3 },
      ['the plan takes 4 users out of groups they are in; limits.max_membership_removals allows 3'],
    ],
    [40, 20, { maxMembershipRemovalRatio: 0.5 }, []],
  ])('%i members, %i taken out of their group, limits %j → blocked by %j', (total, removed, limits, reasons) => {
    const plan = world(total, removed, limits)
    expect(plan.summary.users.update).toBe(removed)
    expect(plan.blockedReasons).toEqual(reasons)
    expect(plan.blocked).toBe(reasons.length > 0)
  })
})
