import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const GROUPS = ['a', 'b', 'c']
const KEYS = ['firstname', 'lastname', 'email', 'authId'] as const
const text = fc.option(fc.constantFrom('Ana', 'ana', 'Bo', 'x@example.com'), { nil: undefined })
const fields = fc.record({ firstname: text, lastname: text, email: text, authId: text })
/** The fields that hold a value, as a user built from YAML or read from a server has them. */
const defined = (value: Partial<Record<(typeof KEYS)[number], string | undefined>>) =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<
    Record<(typeof KEYS)[number], string>
  >

describe('comparing a declared user with the live one', () => {
  it('plans an update exactly when a field or the set of groups differs', () => {
    fc.assert(
      fc.property(
        fields,
        // The declared user is the live one with some fields written anew (often none, often one).
        fc.dictionary(fc.constantFrom(...KEYS), text, { maxKeys: 2 }),
        fc.subarray(GROUPS),
        fc.option(fc.subarray(GROUPS), { nil: undefined }),
        fc.boolean(),
        (live, edits, liveGroups, otherGroups, reversed) => {
          const declared = { ...live, ...edits }
          const declaredGroups = otherGroups ?? liveGroups
          const listed = reversed ? [...declaredGroups].reverse() : declaredGroups
          const plan = computePlan(
            desiredState(
              [desiredUser('u', { ...defined(declared), userGroups: listed })],
              GROUPS.map((id) => desiredGroup(id)),
            ),
            actualState(
              [actualUser('u', { ...defined(live), userGroups: liveGroups })],
              GROUPS.map((id) => actualGroup(id)),
            ),
          )
          const differs =
            KEYS.some((key) => live[key] !== declared[key]) ||
            [...liveGroups].sort().join() !== [...declaredGroups].sort().join()
          expect(plan.changes.map(({ change }) => change.action)).toEqual(differs ? ['update'] : [])
        },
      ),
      { numRuns: 1_000 },
    )
  })
})
