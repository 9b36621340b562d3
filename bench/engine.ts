// npm run bench:engine — the diff at organization scale, and apply's speed-up from concurrency.
import { cpus } from 'node:os'
import type { ActualUser, ActualUserGroup } from '../src/core/model/actual-state.js'
import type { DeclaredUser, DeclaredUserGroup, DesiredState } from '../src/core/model/entities.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { renderPlanJson } from '../src/core/render/render-plan-json.js'
import { renderPlanComment } from '../src/core/render/render-plan-markdown.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { createGoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import { DEFAULT_TOKEN, startGoodDataEmulator } from '../test/emulators/gooddata-cloud/server.js'

const source = { file: 'users.yaml', line: 1, column: 1 }
const groupId = (i: number) => `group-${i}`

/** Desired and actual organizations of the same size, 5% of users and groups differing. */
function organizations(users: number, groups: number) {
  const desiredGroups: DeclaredUserGroup[] = []
  const actualGroups: ActualUserGroup[] = []
  for (let i = 0; i < groups; i++) {
    const parents = i >= 10 ? [groupId(Math.floor(i / 10) - 1)] : []
    desiredGroups.push({ id: groupId(i), name: `Group ${i}`, parents, isActive: true, source })
    actualGroups.push({ id: groupId(i), name: i % 20 === 0 ? `Old group ${i}` : `Group ${i}`, parents })
  }
  const desiredUsers: DeclaredUser[] = []
  const actualUsers: ActualUser[] = []
  for (let i = 0; i < users; i++) {
    const id = `user.${i}`
    const userGroups = [...new Set([groupId(i % groups), groupId((i * 7 + 3) % groups)])].sort()
    desiredUsers.push({
      id,
      firstname: `First${i}`,
      lastname: `Last${i}`,
      email: `${id}@example.com`,
      userGroups,
      isActive: true,
      source,
    })
    const changed = i % 20 === 0
    actualUsers.push({
      id,
      firstname: `First${i}`,
      lastname: `Last${i}`,
      email: changed ? `${id}@old.example.com` : `${id}@example.com`,
      userGroups: changed ? [groupId(0)] : userGroups,
      unmanaged: {},
    })
  }
  const settings: DesiredState['settings'] = {
    target: { type: 'gooddata-cloud' },
    load: 'full',
    protected: { users: [], userGroups: [] },
    unmanaged: { users: [], userGroups: [] },
    limits: { maxDeletionRatio: 0.25 },
  }
  return {
    desired: { users: desiredUsers, userGroups: desiredGroups, settings, files: [] } as DesiredState,
    actual: { users: actualUsers, userGroups: actualGroups, protectedIds: [] },
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

console.log(`engine benchmark · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} · Node ${process.version}`)
const { desired, actual } = organizations(100_000, 10_000)
const times: number[] = []
let plan = computePlan(desired, actual)
for (let run = 0; run < 5; run++) {
  const started = performance.now()
  plan = computePlan(desired, actual)
  times.push(performance.now() - started)
}
const renderStarted = performance.now()
const json = renderPlanJson(plan)
const comment = renderPlanComment(plan, { config: 'bench', host: 'https://example.com' })
const renderMs = performance.now() - renderStarted
console.log(
  `diff 100,000 users / 10,000 groups, 5% changed: median ${median(times).toFixed(0)} ms (${plan.changes.length} changes, ${plan.effectiveAccess.length} users with effective-access changes) · target < 1,000 ms: ${median(times) < 1000 ? 'met' : 'NOT met'}`,
)
console.log(
  `render JSON (${(json.length / 1e6).toFixed(1)} MB) and PR comment (${comment.length.toLocaleString('en-US')} chars): ${renderMs.toFixed(0)} ms`,
)

async function applyTwoThousand(concurrency: number): Promise<number> {
  const seedUsers = Array.from({ length: 1_000 }, (_, i) => ({
    id: `old.${i}`,
    attributes: {},
    userGroups: [] as string[],
  }))
  const emulator = await startGoodDataEmulator({
    latencyMs: 20,
    seed: {
      users: [{ id: 'admin', attributes: {}, userGroups: ['adminGroup'] }, ...seedUsers],
      userGroups: [
        { id: 'adminGroup', attributes: {}, parents: [] },
        { id: 'g', attributes: {}, parents: [] },
      ],
    },
  })
  const target = createGoodDataCloudTarget({ host: emulator.url, token: DEFAULT_TOKEN, concurrency })
  try {
    const users: DeclaredUser[] = [
      ...Array.from(
        { length: 1_000 },
        (_, i): DeclaredUser => ({
          id: `old.${i}`,
          firstname: 'Updated',
          userGroups: ['g'],
          isActive: i >= 500,
          source,
        }),
      ),
      ...Array.from(
        { length: 1_000 },
        (_, i): DeclaredUser => ({ id: `new.${i}`, userGroups: ['g'], isActive: true, source }),
      ),
    ]
    const state = await target.readState()
    const twoThousand = computePlan(
      { ...desired, users, userGroups: [{ id: 'g', name: 'g', parents: [], isActive: true, source }] },
      state,
      { load: 'incremental' },
    )
    if (twoThousand.changes.length !== 2_000)
      throw new Error(`expected 2,000 changes, planned ${twoThousand.changes.length}`)
    const started = performance.now()
    const result = await executePlan(twoThousand, target, { concurrency })
    const seconds = (performance.now() - started) / 1000
    if (result.counts.applied !== 2_000) throw new Error(`applied ${result.counts.applied} of 2,000`)
    return seconds
  } finally {
    await target.close()
    await emulator.close()
  }
}

const serial = await applyTwoThousand(1)
const parallel = await applyTwoThousand(8)
console.log(
  `apply 2,000 changes at 20 ms latency: concurrency 1 ${serial.toFixed(1)} s, concurrency 8 ${parallel.toFixed(1)} s → ${(serial / parallel).toFixed(1)}× faster · target ≥ 6×: ${serial / parallel >= 6 ? 'met' : 'NOT met'}`,
)
