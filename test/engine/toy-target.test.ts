import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import type { Change } from '../../src/core/model/change.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import type { TargetProfile } from '../../src/core/targets/target-profile.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { AppliedChange, AssignedReferences, Target } from '../../src/shell/targets/target.js'
import { desiredGroup, desiredState, desiredUser } from '../support/states.js'

/** A target unlike GoodData Cloud in every way the architecture must carry: its profile is all the planner knows. */
const TOY: TargetProfile = {
  type: 'toy',
  name: 'Toy',
  capabilities: { nestedGroups: false, groupIds: 'assigned-by-target', userRemoval: 'disable', membership: 'resource' },
  configKeys: {
    user: ['user_id', 'email', 'user_groups', 'is_active'],
    userGroup: ['user_group_id', 'user_group_name', 'is_active'],
  },
  automaticProtections: 'nobody',
  userValueFields: [{ key: 'email', config: 'email' }],
}

/** The toy's server: groups have references it assigns (`grp-1`…), memberships are pairs, users are disabled, not deleted. */
class ToyTarget implements Target {
  readonly description = 'toy'
  readonly host = 'memory:'
  readonly profile = TOY
  readonly users = new Map<string, { email?: string; disabled: boolean }>()
  readonly groups = new Map<string, { key: string; title: string }>()
  readonly members = new Set<string>()
  readonly calls: string[] = []
  private nextRef = 1

  async readState(): Promise<ActualState> {
    const keyOf = (ref: string) => this.groups.get(ref)!.key
    return {
      users: [...this.users].map(([id, user]) => ({
        id,
        ...(user.email ? { email: user.email } : {}),
        userGroups: [...this.members]
          .filter((pair) => pair.startsWith(`${id}|`))
          .map((pair) => keyOf(pair.split('|')[1]!))
          .sort(),
        unmanaged: {},
        ...(user.disabled ? { disabled: true } : {}),
      })),
      userGroups: [...this.groups].map(([ref, group]) => ({ id: group.key, ref, name: group.title, parents: [] })),
      protectedIds: [],
    }
  }

  async applyChange(change: Change, assigned?: AssignedReferences): Promise<AppliedChange> {
    this.calls.push(`${change.action} ${change.id}${'group' in change ? ` ${change.group}` : ''}`)
    const refOf = (key: string) =>
      assigned?.refOf('userGroup', key) ?? [...this.groups].find(([, group]) => group.key === key)?.[0]
    switch (change.action) {
      case 'create':
        if (change.kind === 'user') {
          this.users.set(change.id, { ...(change.after.email ? { email: change.after.email } : {}), disabled: false })
          return { outcome: 'applied' }
        } else {
          const ref = `grp-${this.nextRef++}`
          this.groups.set(ref, { key: change.id, title: change.after.name })
          return { outcome: 'applied', ref }
        }
      case 'update':
        if (change.kind === 'user') {
          // Like the legacy platform, the toy refuses to write to a disabled user: the enable must come first.
          if (this.users.get(change.id)?.disabled)
            throw new ApiError({
              status: 409,
              method: 'PUT',
              path: `/users/${change.id}`,
              detail: 'the user is disabled',
              attempts: 1,
            })
          this.users.set(change.id, { ...(change.after.email ? { email: change.after.email } : {}), disabled: false })
        }
        return { outcome: 'applied' }
      case 'delete':
        // The live group carries the server's reference: the delete needs no lookup.
        if (change.kind === 'userGroup') this.groups.delete(change.before.ref!)
        return { outcome: 'applied' }
      case 'disable':
      case 'enable':
        this.users.get(change.id)!.disabled = change.action === 'disable'
        return { outcome: 'applied' }
      case 'add-member':
      case 'remove-member': {
        const ref = refOf(change.group)
        if (!ref)
          throw new ApiError({
            status: 404,
            method: 'POST',
            path: `/groups/${change.group}/members`,
            detail: 'no such group',
            attempts: 1,
          })
        if (change.action === 'add-member') this.members.add(`${change.id}|${ref}`)
        else this.members.delete(`${change.id}|${ref}`)
        return { outcome: 'applied' }
      }
      case 'permissions':
        throw new Error('the toy target has no workspace permissions')
    }
  }

  async close(): Promise<void> {}
}

describe('a target built from a profile and an adapter alone (flat groups, assigned ids, disable, membership as a resource)', () => {
  const desired = desiredState(
    [
      desiredUser('ann', { email: 'ann@example.com', userGroups: ['analysts'] }),
      desiredUser('bob', { userGroups: ['analysts'] }),
      desiredUser('erin', { email: 'erin@example.com' }),
    ],
    [desiredGroup('analysts', { name: 'Analysts' })],
  )

  function seeded(): ToyTarget {
    const toy = new ToyTarget()
    toy.groups.set('grp-old', { key: 'old', title: 'Old' })
    toy.users.set('bob', { disabled: false })
    toy.users.set('dave', { disabled: false })
    toy.users.set('carol', { disabled: true })
    toy.users.set('erin', { disabled: true })
    toy.members.add('bob|grp-old')
    return toy
  }

  it('plans in the target’s own terms: memberships one by one, disable for delete, enable for the returning', async () => {
    const toy = seeded()
    const plan = computePlan(desired, await toy.readState(), { profile: TOY })
    expect(
      plan.changes.map(
        ({ change, dependsOn }) =>
          `${change.action} ${change.id}${'group' in change ? ` → ${change.group}` : ''}${dependsOn.length ? ` (after ${dependsOn.join(', ')})` : ''}`,
      ),
    ).toEqual([
      'create analysts',
      'create ann',
      'add-member ann → analysts (after user:ann, userGroup:analysts)',
      'add-member bob → analysts (after userGroup:analysts)',
      'remove-member bob → old',
      'enable erin',
      'update erin (after enable:erin)',
      'disable dave',
      'delete old (after member:bob:old)',
    ])
    expect(plan.summary.users).toEqual({ create: 1, update: 5, delete: 1 })
    expect(
      plan.effectiveAccess.map(
        ({ userId, gained, lost }) =>
          `${userId}: +${gained.map((step) => step.group).join(',')} -${lost.map((step) => step.group).join(',')}`,
      ),
    ).toEqual(['ann: +analysts -', 'bob: +analysts -old'])
    const text = renderPlanText(plan, { config: 'toy', host: 'memory' }, { color: false })
    expect(text).toContain('  ~ add user ann to user group analysts')
    expect(text).toContain('  ~ remove user bob from user group old')
    expect(text).toContain('  - disable user dave')
  })

  it('applies it: a group created and a user added to it in the same apply, by the reference the server assigned; then nothing is left to do', async () => {
    const toy = seeded()
    const plan = computePlan(desired, await toy.readState(), { profile: TOY })
    const result = await executePlan(plan, toy, { concurrency: 4 })
    expect(result.counts).toEqual({ applied: 9, failed: 0, skipped: 0 })
    const [analystsRef] = [...toy.groups].find(([, group]) => group.key === 'analysts')!
    expect(analystsRef).toBe('grp-1')
    expect([...toy.members].sort()).toEqual(['ann|grp-1', 'bob|grp-1'])
    expect(toy.users.get('dave')).toEqual({ disabled: true })
    expect(toy.users.get('erin')).toEqual({ email: 'erin@example.com', disabled: false })
    expect(toy.calls.indexOf('add-member ann analysts')).toBeGreaterThan(toy.calls.indexOf('create ann'))
    const again = computePlan(desired, await toy.readState(), { profile: TOY })
    expect(again.changes).toEqual([])
  })

  it('counts a disable like a delete in the safety limits', async () => {
    const toy = new ToyTarget()
    for (let i = 0; i < 10; i++) toy.users.set(`u${i}`, { disabled: false })
    const plan = computePlan(desiredState([desiredUser('u0')], [desiredGroup('g')]), await toy.readState(), {
      profile: TOY,
    })
    expect(plan.changes.filter(({ change }) => change.action === 'disable')).toHaveLength(9)
    expect(plan.blockedReasons).toEqual([
      'the plan deletes 9 of 10 managed users (90%); limits.max_deletion_ratio allows 25%',
    ])
  })

  it('leaves disabled users out of the limits and shows what enabling gives back', async () => {
    const toy = new ToyTarget()
    toy.groups.set('grp-a', { key: 'admins', title: 'Admins' })
    for (let i = 0; i < 10; i++) toy.users.set(`active${i}`, { disabled: false })
    for (let i = 0; i < 30; i++) toy.users.set(`gone${i}`, { disabled: true })
    toy.users.set('erin', { disabled: true })
    toy.members.add('erin|grp-a')
    const plan = computePlan(
      desiredState(
        [desiredUser('active0'), desiredUser('erin', { userGroups: ['admins'] })],
        [desiredGroup('admins', { name: 'Admins' })],
      ),
      await toy.readState(),
      { profile: TOY },
    )
    // 9 of the 10 users who still have access, not 9 of 41.
    expect(plan.blockedReasons).toEqual([
      'the plan deletes 9 of 10 managed users (90%); limits.max_deletion_ratio allows 25%',
    ])
    expect(plan.effectiveAccess).toEqual([{ userId: 'erin', gained: [{ group: 'admins', via: [] }], lost: [] }])
  })
})
