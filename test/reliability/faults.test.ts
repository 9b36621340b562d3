import { afterEach, describe, expect, it } from 'vitest'
import type { DeclaredUser, DeclaredUserGroup } from '../../src/core/model/entities.js'
import type { StoredUser, StoredUserGroup } from '../emulators/gooddata-cloud/organization-state.js'
import { startGoodDataEmulator, type RunningEmulator } from '../emulators/gooddata-cloud/server.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import { applyOnce, journalProblems } from '../support/converge.js'
import { group, organization, user } from '../support/scenario.js'
import { desiredGroup, desiredState, desiredUser } from '../support/states.js'

const soakChanges = Number(process.env['SOAK_CHANGES'] ?? '400')
const soakCycles = Number(process.env['SOAK_CYCLES'] ?? '2')
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** An organization of `n` users in 20 groups, and configs that differ from it by about `n` changes. */
function world(n: number) {
  const groups = Array.from({ length: 20 }, (_, i) => `team-${i}`)
  const seedUsers: StoredUser[] = Array.from({ length: n }, (_, i) =>
    user(`u${i}`, [groups[i % 20]!], { email: `u${i}@example.com` }),
  )
  const seedGroups: StoredUserGroup[] = groups.map((id, i) => group(id, i > 0 ? ['team-0'] : [], id))
  const declaredGroups: DeclaredUserGroup[] = groups.map((id, i) =>
    desiredGroup(id, { parents: i > 0 ? ['team-0'] : [] }),
  )
  const original: DeclaredUser[] = seedUsers.map((stored) =>
    desiredUser(stored.id, { email: stored.attributes.email!, userGroups: stored.userGroups }),
  )
  // Half the users change email, a quarter are replaced by new ones: n changes in all.
  const changed: DeclaredUser[] = [
    ...original.slice(0, n / 2).map((item) => ({ ...item, email: `${item.id}@new.example.com` })),
    ...original.slice(n / 2, (3 * n) / 4),
    ...Array.from({ length: n / 4 }, (_, i) =>
      desiredUser(`new${i}`, { email: `new${i}@example.com`, userGroups: [groups[i % 20]!] }),
    ),
  ]
  return {
    seed: organization({ users: seedUsers, userGroups: seedGroups }),
    original: desiredState(original, declaredGroups, { limits: { maxDeletionRatio: 1 } }),
    changed: desiredState(changed, declaredGroups, { limits: { maxDeletionRatio: 1 } }),
  }
}

async function faultyEmulator(seed: ReturnType<typeof world>['seed'], randomSeed: number): Promise<RunningEmulator> {
  const emulator = await startGoodDataEmulator({ seed, faultRate: 0.3, randomSeed })
  closers.push(() => emulator.close())
  return emulator
}

/**
 * Applies until a plan has no changes; checks every run's journal; answers the runs it took. A
 * run whose reading fails (every attempt of a request failed) applies nothing, as the CLI does,
 * and still counts as a run.
 */
async function converge(
  emulator: RunningEmulator,
  desired: ReturnType<typeof world>['original'],
  limit: number,
): Promise<number> {
  for (let run = 1; run <= limit + 1; run++) {
    const outcome = await applyOnce(emulator, desired).catch((error: unknown) =>
      error instanceof ApiError ? undefined : Promise.reject(error),
    )
    if (!outcome) continue
    if (outcome.plan.changes.length === 0) return run - 1
    expect(journalProblems(emulator, outcome.result, outcome.plan)).toEqual([])
  }
  return Infinity
}

/** Figures for a person to read, with RELIABILITY_REPORT=1 (the closing notes quote them). */
function report(line: string) {
  if (process.env['RELIABILITY_REPORT']) console.info(line)
}

const bootstrap = (emulator: RunningEmulator) => ({
  admin: emulator.state.users.get('admin'),
  adminGroup: emulator.state.userGroups.get('adminGroup'),
})

describe('under 30% injected faults (500, 429 with Retry-After, dropped connections)', () => {
  it('every run reports exactly what happened, and at most three runs reach a plan with no changes', async () => {
    const { seed, changed } = world(400)
    const emulator = await faultyEmulator(seed, 7)
    const before = bootstrap(emulator)
    const runs = await converge(emulator, changed, 3)
    expect(runs).toBeLessThanOrEqual(3)
    const faults = emulator.requestLog.filter((entry) => entry.fault).length
    expect(faults / emulator.requestLog.length).toBeGreaterThan(0.2)
    report(
      `faults: ${faults} of ${emulator.requestLog.length} requests faulted; ${runs} runs to a plan with no changes`,
    )
    expect(bootstrap(emulator)).toEqual(before)
  })

  it(`soak: applies and reverts a ${soakChanges}-change plan ${soakCycles} times with no drift at the end`, async () => {
    const { seed, original, changed } = world(soakChanges)
    const emulator = await faultyEmulator(seed, 11)
    const before = { ...bootstrap(emulator), snapshot: emulator.state.snapshot() }
    for (let cycle = 0; cycle < soakCycles; cycle++) {
      expect(await converge(emulator, changed, 5)).toBeLessThanOrEqual(5)
      expect(await converge(emulator, original, 5)).toBeLessThanOrEqual(5)
    }
    expect(emulator.state.snapshot()).toEqual(before.snapshot)
    const faults = emulator.requestLog.filter((entry) => entry.fault).length
    report(
      `soak: ${soakCycles} cycles of ${soakChanges} changes each way; ${faults} of ${emulator.requestLog.length} requests faulted; no drift`,
    )
    expect(bootstrap(emulator)).toEqual({ admin: before.admin, adminGroup: before.adminGroup })
  }, 600_000)
})
