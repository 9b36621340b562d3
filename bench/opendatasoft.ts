// The Opendatasoft rows of npm run bench: a domain of 10,000 users planned and applied against the
// Opendatasoft emulator in a process of its own, with the API's batch requests and with one request
// per change, each against the lower bound the work sets.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { OPENDATASOFT, OPENDATASOFT_PERMISSIONS } from '../src/core/targets/profiles.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import { createOpendatasoftTarget } from '../src/shell/targets/opendatasoft/create-opendatasoft-target.js'
import type { Target } from '../src/shell/targets/target.js'
import type { DomainSeed } from '../test/emulators/opendatasoft/domain-state.js'
import { DEFAULT_API_KEY } from '../test/emulators/opendatasoft/server.js'
import { startEmulatorProcess } from './emulator-process.js'

/** One target's plan and apply against its emulator, batched or one request per change. */
export interface TargetRun {
  readonly mode: 'batched' | 'one request per change'
  readonly changes: number
  readonly readRequests: number
  readonly applyRequests: number
  readonly seconds: number
  readonly boundSeconds: number
  readonly failed: number
}

/** A domain of `users` users and users/10 groups with permissions, as config files and as a seed 5% apart. */
export function generateDomain(dir: string, users: number): DomainSeed {
  const groupCount = Math.max(10, Math.floor(users / 10))
  const uid = (i: number) => `group_${String(i).padStart(6, '0')}`
  const permissionOf = (i: number) => OPENDATASOFT_PERMISSIONS[1 + (i % (OPENDATASOFT_PERMISSIONS.length - 1))]!
  const people = Array.from({ length: users }, (_, i) => {
    const id = `user.${String(i).padStart(7, '0')}`
    return { id, email: `${id}@example.com`, groups: [...new Set([uid(i % groupCount), uid((i * 7 + 3) % groupCount)])].sort() }
  })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'provisioning.yaml'), 'target:\n  type: opendatasoft\nprotected:\n  users: [admin]\nlimits:\n  max_deletion_ratio: 0.5\n')
  const groupLines = Array.from({ length: groupCount }, (_, i) => `  - user_group_id: ${uid(i)}\n    user_group_name: Group ${i}\n    permissions: [${permissionOf(i)}]\n`)
  writeFileSync(join(dir, 'groups.yaml'), `user_groups:\n  - user_group_id: admins\n    user_group_name: Admins\n    permissions: [edit_domain]\n${groupLines.join('')}`)
  writeFileSync(join(dir, 'users.yaml'), `users:\n  - user_id: admin\n    email: admin@example.com\n    user_groups: [admins]\n${people.map((p) => `  - user_id: ${p.id}\n    email: ${p.email}\n    user_groups: [${p.groups.join(', ')}]\n`).join('')}`)
  // Live: 2% changed emails, 1.5% missing (to invite and add to groups), 1.5% leavers; 5% of groups with another permission.
  const live = people.flatMap((person, i) => {
    const slot = i % 200
    if (slot < 3) return []
    return [{ username: person.id, email: slot < 7 ? `${person.id}@old.example.com` : person.email, first_name: '', last_name: '' , groups: person.groups }]
  })
  const leavers = Array.from({ length: Math.floor(users * 0.015) }, (_, i) => ({ username: `leaver.${String(i).padStart(7, '0')}`, email: `leaver.${i}@example.com`, groups: [uid(i % groupCount)] }))
  const everyone = [...live, ...leavers]
  const membersOf = new Map<string, string[]>()
  for (const user of everyone) for (const group of user.groups) membersOf.set(group, [...(membersOf.get(group) ?? []), user.username])
  return {
    apiKeyUser: 'admin',
    users: [{ username: 'admin', email: 'admin@example.com' }, ...everyone.map(({ groups: _groups, ...user }) => user)],
    groups: [
      { uid: 'admins', title: 'Admins', permissions: ['edit_domain'], members: ['admin'] },
      ...Array.from({ length: groupCount }, (_, i) => ({ uid: uid(i), title: `Group ${i}`, permissions: [i % 20 === 5 ? 'edit_reuse' : permissionOf(i)], members: membersOf.get(uid(i)) ?? [] })),
    ],
  }
}

/** Plans and applies `dir` against a fresh emulator, batched or one request per change. */
export async function runOpendatasoft(dir: string, seedFile: string, mode: TargetRun['mode'], options: { latencyMs: number; rateLimit: number; concurrency: number }): Promise<TargetRun> {
  const loaded = await readConfigTree(join(dir, 'config'), { cwd: dir })
  if (!loaded.ok) throw new Error(`the generated config is invalid: ${loaded.problems[0]?.message}`)
  const emulator = await startEmulatorProcess({ ...options, seedFile, target: 'opendatasoft' })
  const adapter = createOpendatasoftTarget({ host: emulator.url, apiKey: DEFAULT_API_KEY, settings: loaded.state.settings.target, concurrency: options.concurrency })
  // Without its batch methods the executor sends every change on its own, as a tool without batching would.
  const target: Target = mode === 'batched' ? adapter : { description: adapter.description, host: adapter.host, profile: adapter.profile, readState: () => adapter.readState(), applyChange: (change, assigned) => adapter.applyChange(change, assigned), close: () => adapter.close() }
  try {
    const started = performance.now()
    const actual = await target.readState()
    const readRequests = (await emulator.stats()).requests
    const plan = computePlan(loaded.state, actual, { profile: OPENDATASOFT })
    const result = await executePlan(plan, target, { concurrency: options.concurrency })
    const seconds = (performance.now() - started) / 1000
    const requests = (await emulator.stats()).requests
    const applyRequests = requests - readRequests
    const boundSeconds = Math.max((requests * options.latencyMs) / 1000 / options.concurrency, requests / options.rateLimit)
    return { mode, changes: plan.changes.length, readRequests, applyRequests, seconds, boundSeconds, failed: result.counts.failed + result.counts.skipped }
  } finally {
    await target.close()
    await emulator.close()
  }
}
