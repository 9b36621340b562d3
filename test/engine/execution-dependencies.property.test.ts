import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { changeKey, type Plan } from '../../src/core/plan/plan.js'
import { GOODDATA_CLOUD, GOODDATA_PLATFORM, OPENDATASOFT } from '../../src/core/targets/profiles.js'
import type { TargetProfile } from '../../src/core/targets/target-profile.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import type { Target } from '../../src/shell/targets/target.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '200')
const GROUPS = ['g0', 'g1', 'g2', 'g3']
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5']
const some = <T>(values: readonly T[]) => fc.subarray([...values])

/** A live state and a config over the same few ids, in the shape `profile` reads and takes. */
function world(profile: TargetProfile) {
  const nested = profile.capabilities.nestedGroups
  const legacy = profile === GOODDATA_PLATFORM
  const ods = profile === OPENDATASOFT
  const group = fc.record({
    parent: fc.boolean(),
    permissions: ods ? some(['edit_domain', 'publish_dataset']) : fc.constant(undefined),
  })
  const user = fc.record({
    groups: some(GROUPS),
    role: legacy ? fc.constantFrom('admin', 'editor') : fc.constant(undefined),
    permissions: ods ? some(['edit_domain', 'create_page']) : fc.constant(undefined),
    disabled: legacy ? fc.boolean() : fc.constant(false),
  })
  const side = fc.record({
    groups: fc.dictionary(fc.constantFrom(...GROUPS), group),
    users: fc.dictionary(fc.constantFrom(...USERS), user),
  })
  return fc.tuple(side, side).map(([live, config]): [ReturnType<typeof desiredState>, ActualState] => {
    // Parents come before children (g0 before g1 …): no cycles, as a valid config has none.
    const parentOf = (id: string, all: Record<string, unknown>) =>
      nested
        ? Object.keys(all)
            .filter((other) => other < id)
            .slice(0, 1)
        : []
    const target = legacy
      ? {
          type: 'gooddata-platform' as const,
          gooddataPlatform: { domain: 'd', project: 'p', removal: 'disable' as const, defaultRole: 'editorRole' },
        }
      : { type: profile.type as 'gooddata-cloud' | 'opendatasoft' }
    const desired = desiredState(
      Object.entries(config.users).map(([id, u]) =>
        desiredUser(id, {
          email: `${id}@example.com`,
          userGroups: u.groups.filter((g) => g in config.groups).sort(),
          ...(u.role ? { role: u.role } : {}),
          ...(u.permissions ? { permissions: [...u.permissions].sort() } : {}),
        }),
      ),
      Object.entries(config.groups).map(([id, g]) =>
        desiredGroup(id, {
          parents: g.parent ? parentOf(id, config.groups) : [],
          ...(g.permissions ? { permissions: [...g.permissions].sort() } : {}),
        }),
      ),
      { target, limits: { maxDeletionRatio: 1 } },
    )
    const actual = actualState(
      Object.entries(live.users).map(([id, u]) =>
        actualUser(id, {
          email: `${id}@example.com`,
          userGroups: u.groups.filter((g) => g in live.groups).sort(),
          ...(u.role ? { role: `${u.role}Role` } : {}),
          ...(u.permissions ? { permissions: [...u.permissions].sort() } : {}),
          ...(u.disabled ? { disabled: true } : {}),
        }),
      ),
      Object.entries(live.groups).map(([id, g]) =>
        actualGroup(id, {
          ref: id,
          parents: g.parent ? parentOf(id, live.groups) : [],
          ...(g.permissions ? { permissions: [...g.permissions].sort() } : {}),
        }),
      ),
    )
    return [desired, legacy ? { ...actual, roles: ['adminRole', 'editorRole'] } : actual]
  })
}

/** A target where every change goes through at once. */
const agreeing = (profile: TargetProfile): Target => ({
  description: 'agreeing',
  host: 'memory:',
  profile,
  readState: async () => actualState([], []),
  applyChange: async () => ({ outcome: 'applied' }),
  close: async () => {},
})

describe('whatever the states, the dependencies form no cycle and name only changes of the plan', () => {
  for (const profile of [GOODDATA_CLOUD, OPENDATASOFT, GOODDATA_PLATFORM]) {
    it(`${profile.name}: every change runs, and after each change it depends on`, async () => {
      await fc.assert(
        fc.asyncProperty(world(profile), async ([desired, actual]) => {
          const plan: Plan = computePlan(desired, actual, { profile })
          const keys = new Set(plan.changes.map(({ change }) => changeKey(change)))
          for (const { dependsOn } of plan.changes) for (const key of dependsOn) expect(keys).toContain(key)
          const ended: string[] = []
          const result = await executePlan(plan, agreeing(profile), {
            concurrency: 3,
            onProgress: ({ entry }) => ended.push(changeKey(entry.change)),
          })
          expect(result.counts).toEqual({ applied: plan.changes.length, failed: 0, skipped: 0 })
          for (const { change, dependsOn } of plan.changes)
            for (const key of dependsOn) expect(ended.indexOf(key)).toBeLessThan(ended.indexOf(changeKey(change)))
        }),
        { numRuns: RUNS },
      )
    })
  }
})
