import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import type { Plan } from '../../src/core/plan/plan.js'
import { GOODDATA_PLATFORM, OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

/** Each change with what it waits for: the list reads in plan order, the waits are what the executor keeps. */
const waits = (plan: Plan) =>
  plan.changes.map(
    ({ change, dependsOn }) =>
      `${change.action} ${change.id}${'group' in change ? `→${change.group}` : ''}${dependsOn.length ? ` ← ${dependsOn.join(', ')}` : ''}`,
  )
const anyDeletion = { limits: { maxDeletionRatio: 1 } }

describe('dependencies the phases alone used to keep are explicit in dependsOn', () => {
  it("GoodData Cloud: a group's deletion waits for its members' writes and removals, and for its children's updates", () => {
    const desired = desiredState(
      [desiredUser('ann'), desiredUser('cid', { userGroups: ['new'] })],
      [desiredGroup('kid'), desiredGroup('new')],
      anyDeletion,
    )
    const actual = actualState(
      [actualUser('ann', { userGroups: ['old'] }), actualUser('bob', { userGroups: ['old'] })],
      [actualGroup('old'), actualGroup('kid', { parents: ['old'] })],
    )
    expect(waits(computePlan(desired, actual))).toEqual([
      'create new',
      'update kid',
      'update ann',
      'create cid ← userGroup:new',
      'delete bob',
      'delete old ← user:ann, user:bob, userGroup:kid',
    ])
  })

  it('Opendatasoft: a deletion waits for the remove-member changes and deleted members of the group', () => {
    const desired = desiredState([desiredUser('ann', { email: 'ann@example.com' })], [], {
      ...anyDeletion,
      target: { type: 'opendatasoft' },
    })
    const actual = actualState(
      [
        actualUser('ann', { email: 'ann@example.com', userGroups: ['old'] }),
        actualUser('bob', { email: 'bob@example.com', userGroups: ['old'] }),
      ],
      [actualGroup('old', { ref: 'old' })],
    )
    expect(waits(computePlan(desired, actual, { profile: OPENDATASOFT }))).toEqual([
      'remove-member ann→old',
      'delete bob',
      'delete old ← member:ann:old, user:bob',
    ])
  })

  it("Opendatasoft: the last edit_domain holder's deletion waits for the first change that hands edit_domain over", () => {
    const desired = desiredState(
      [desiredUser('new.admin', { email: 'new@example.com', userGroups: ['admins'] })],
      [desiredGroup('admins', { permissions: ['edit_domain'] })],
      { ...anyDeletion, target: { type: 'opendatasoft' } },
    )
    const actual = actualState(
      [
        actualUser('old.admin', { email: 'old@example.com', permissions: ['edit_domain'] }),
        actualUser('new.admin', { email: 'new@example.com' }),
      ],
      [actualGroup('admins', { ref: 'admins', permissions: ['edit_domain'] })],
    )
    expect(waits(computePlan(desired, actual, { profile: OPENDATASOFT }))).toEqual([
      'add-member new.admin→admins',
      'delete old.admin ← member:new.admin:admins',
    ])
  })

  it('the legacy platform: a user disabled waits for the first change that gives their role to someone else', () => {
    const target = {
      type: 'gooddata-platform' as const,
      gooddataPlatform: { domain: 'acme', project: 'p1', removal: 'disable' as const, defaultRole: 'editorRole' },
    }
    const desired = desiredState(
      [
        desiredUser('new@acme.example', { role: 'admin' }),
        desiredUser('ed@acme.example', { role: 'admin' }),
        desiredUser('boss@acme.example', { role: 'editor' }),
      ],
      [],
      { ...anyDeletion, target },
    )
    const actual = {
      ...actualState(
        [
          actualUser('boss@acme.example', { role: 'adminRole' }),
          actualUser('ed@acme.example', { role: 'editorRole' }),
          actualUser('old@acme.example', { role: 'adminRole', userGroups: ['bTeam'] }),
        ],
        [actualGroup('bTeam', { ref: '/gdc/userGroups/bTeam', name: 'Team' })],
      ),
      roles: ['adminRole', 'editorRole'],
    }
    // boss and ed swap roles: updates, not removals, so they wait for nothing and for each other not at all.
    expect(waits(computePlan(desired, actual, { profile: GOODDATA_PLATFORM }))).toEqual([
      'update boss@acme.example',
      'update ed@acme.example',
      'create new@acme.example',
      'disable old@acme.example ← user:ed@acme.example',
    ])
  })
})
