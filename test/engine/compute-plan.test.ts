import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const lines = (plan: ReturnType<typeof computePlan>) =>
  plan.changes.map(({ change }) => `${change.action} ${change.kind} ${change.id}`)

describe('computePlan', () => {
  it('compares normalised: group lists as sets, absent equals empty, a missing name equals the id', () => {
    const desired = desiredState(
      [desiredUser('u', { userGroups: ['a', 'b'] })],
      [desiredGroup('a'), desiredGroup('b', { name: 'b', parents: ['a'] })],
    )
    const actual = actualState(
      [actualUser('u', { userGroups: ['b', 'a'] })],
      [actualGroup('a'), actualGroup('b', { parents: ['a'] })],
    )
    const plan = computePlan(desired, actual)
    expect(lines(plan)).toEqual([])
    expect(plan.unchanged).toEqual({ users: 1, userGroups: 2 })
  })

  it('makes a change depend on the creation of the groups it needs, and deletes child groups first', () => {
    const desired = desiredState(
      [desiredUser('u', { userGroups: ['child'] })],
      [desiredGroup('child', { parents: ['parent'] }), desiredGroup('parent')],
    )
    const actual = actualState([], [actualGroup('old-parent'), actualGroup('old-child', { parents: ['old-parent'] })])
    const plan = computePlan(desired, actual)
    expect(
      plan.changes.map(({ change, dependsOn }) => `${change.action} ${change.id} ← ${dependsOn.join(',')}`),
    ).toEqual([
      'create parent ← ',
      'create child ← userGroup:parent',
      'create u ← userGroup:child',
      'delete old-child ← ',
      'delete old-parent ← userGroup:old-child',
    ])
  })

  it('shows who gains and loses access through nested groups', () => {
    const desired = desiredState(
      [desiredUser('ann', { userGroups: ['analysts'] }), desiredUser('bob', { userGroups: ['finance'] })],
      [desiredGroup('everyone'), desiredGroup('analysts', { parents: ['everyone'] }), desiredGroup('finance')],
    )
    const actual = actualState(
      [actualUser('ann', { userGroups: ['analysts'] }), actualUser('bob', { userGroups: ['finance'] })],
      [actualGroup('everyone'), actualGroup('analysts'), actualGroup('finance', { parents: ['everyone'] })],
    )
    expect(computePlan(desired, actual).effectiveAccess).toEqual([
      { userId: 'ann', gained: [{ group: 'everyone', via: ['analysts'] }], lost: [] },
      { userId: 'bob', gained: [], lost: [{ group: 'everyone', via: ['finance'] }] },
    ])
  })

  it('shows that members of a deleted group lose it and what it brought, and created users gain theirs', () => {
    const desired = desiredState(
      [desiredUser('ann', { userGroups: ['team'] }), desiredUser('new', { userGroups: ['root'] })],
      [desiredGroup('root')],
    )
    const actual = actualState(
      [actualUser('ann', { userGroups: ['team'] }), actualUser('gone', { userGroups: ['root'] })],
      [actualGroup('root'), actualGroup('team', { parents: ['root'] })],
    )
    const plan = computePlan(desired, actual, { load: 'incremental' })
    expect(lines(plan)).toEqual(['create user new'])
    const full = computePlan(
      desiredState([desiredUser('ann'), desiredUser('new', { userGroups: ['root'] })], [desiredGroup('root')]),
      actual,
    )
    expect(full.effectiveAccess).toEqual([
      {
        userId: 'ann',
        gained: [],
        lost: [
          { group: 'root', via: ['team'] },
          { group: 'team', via: [] },
        ],
      },
      { userId: 'new', gained: [{ group: 'root', via: [] }], lost: [] },
    ])
  })

  it('gives the same hash for the same changes and another for different ones', () => {
    const desired = desiredState([desiredUser('u', { email: 'u@example.com' })], [desiredGroup('g')])
    const one = computePlan(desired, actualState([], []))
    const again = computePlan(desired, actualState([actualUser('stranger')].slice(1), []))
    const other = computePlan(
      desiredState([desiredUser('u', { email: 'v@example.com' })], [desiredGroup('g')]),
      actualState([], []),
    )
    expect(again.hash).toBe(one.hash)
    expect(other.hash).not.toBe(one.hash)
    expect(one.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('lets --load incremental override provisioning.yaml, leaving undeclared entries alone', () => {
    const plan = computePlan(
      desiredState([desiredUser('u')], [desiredGroup('g')]),
      actualState([actualUser('other')], [actualGroup('other')]),
      { load: 'incremental' },
    )
    expect(plan.load).toBe('incremental')
    expect(lines(plan)).toEqual(['create userGroup g', 'create user u'])
  })

  it('never blocks for the ratio at 5 deletions, and blocks at 6 of 10', () => {
    const users = (n: number) => Array.from({ length: n }, (_, i) => actualUser(`u${i}`))
    const keep = (n: number) => Array.from({ length: n }, (_, i) => desiredUser(`u${i}`))
    expect(
      computePlan(desiredState(keep(1), [desiredGroup('g')]), actualState(users(6), [actualGroup('g')])).blocked,
    ).toBe(false)
    const blocked = computePlan(desiredState(keep(4), [desiredGroup('g')]), actualState(users(10), [actualGroup('g')]))
    expect(blocked.blockedReasons).toEqual([
      'the plan deletes 6 of 10 managed users (60%); limits.max_deletion_ratio allows 25%',
    ])
  })
})
