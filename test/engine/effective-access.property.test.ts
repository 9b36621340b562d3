import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { computeEffectiveAccess } from '../../src/core/plan/effective-access.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const GROUPS = ['g0', 'g1', 'g2', 'g3', 'g4']
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5']

/** Parents of each group among the groups before it, so no cycle; some groups absent. */
const groupsArbitrary = fc.array(fc.tuple(fc.boolean(), fc.subarray(GROUPS)), {
  minLength: GROUPS.length,
  maxLength: GROUPS.length,
})
const usersArbitrary = fc.array(fc.tuple(fc.boolean(), fc.subarray(GROUPS), fc.boolean()), {
  minLength: USERS.length,
  maxLength: USERS.length,
})

function groupsOf(drawn: [boolean, string[]][]) {
  return GROUPS.flatMap((id, i) => {
    const [present, parents] = drawn[i]!
    return present ? [{ id, parents: parents.filter((parent) => GROUPS.indexOf(parent) < i).sort() }] : []
  })
}

describe('effective access', () => {
  it('is the same whether every live user is walked or only the changed ones are looked up', () => {
    fc.assert(
      fc.property(
        groupsArbitrary,
        groupsArbitrary,
        usersArbitrary,
        usersArbitrary,
        fc.boolean(),
        (liveGroupsDrawn, otherGroupsDrawn, liveUsersDrawn, declaredUsersDrawn, sameGroups) => {
          // Half the cases keep every group as it is, where only the changed users are looked up.
          const liveGroups = groupsOf(liveGroupsDrawn)
          const declaredGroups = groupsOf(sameGroups ? liveGroupsDrawn : otherGroupsDrawn)
          const actual = actualState(
            USERS.flatMap((id, i) => {
              const [present, groups, disabled] = liveUsersDrawn[i]!
              const known = groups.filter((group) => liveGroups.some((live) => live.id === group)).sort()
              return present ? [actualUser(id, { userGroups: known, ...(disabled ? { disabled } : {}) })] : []
            }),
            liveGroups.map((group) => actualGroup(group.id, { parents: group.parents })),
          )
          const declared = desiredState(
            USERS.flatMap((id, i) => {
              const [present, groups] = declaredUsersDrawn[i]!
              const known = groups.filter((group) => declaredGroups.some((item) => item.id === group)).sort()
              return present ? [desiredUser(id, { userGroups: known })] : []
            }),
            declaredGroups.map((group) => desiredGroup(group.id, { parents: group.parents })),
          )
          const plan = computePlan(declared, actual)
          const walked = computeEffectiveAccess(
            actual,
            plan.changes.map((item) => item.change),
          )
          expect(plan.effectiveAccess).toEqual(walked)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('counts a group the live state names for a user but does not list, and the plan creates', () => {
    // Such a group can show up between two reads of a live organization; created now, it brings its parents.
    const plan = computePlan(
      desiredState(
        [desiredUser('ann', { userGroups: ['g'], email: 'ann@new.example' })],
        [desiredGroup('g', { parents: ['p'] }), desiredGroup('p')],
      ),
      actualState([actualUser('ann', { userGroups: ['g'], email: 'ann@old.example' })], [actualGroup('p')]),
    )
    expect(plan.effectiveAccess).toEqual([{ userId: 'ann', gained: [{ group: 'p', via: ['g'] }], lost: [] }])
  })
})
