// The Opendatasoft rows of npm run bench: a domain of 10,000 users planned and applied against the
// Opendatasoft emulator in a process of its own, with the API's batch requests and with one request
// per change, each against the lower bound the work sets.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { OPENDATASOFT_PERMISSIONS } from '../src/core/targets/profiles.js'
import { createOpendatasoftTarget } from '../src/shell/targets/opendatasoft/create-opendatasoft-target.js'
import type { DomainSeed } from '../test/emulators/opendatasoft/domain-state.js'
import { DEFAULT_API_KEY } from '../test/emulators/opendatasoft/server.js'
import { runTarget, type RunOptions, type TargetRun } from './target-run.js'

/** A domain of `users` users and users/10 groups with permissions, as config files and as a seed 5% apart. */
export function generateDomain(dir: string, users: number): DomainSeed {
  const groupCount = Math.max(10, Math.floor(users / 10))
  const uid = (i: number) => `group_${String(i).padStart(6, '0')}`
  const permissionOf = (i: number) => OPENDATASOFT_PERMISSIONS[1 + (i % (OPENDATASOFT_PERMISSIONS.length - 1))]!
  const people = Array.from({ length: users }, (_, i) => {
    const id = `user.${String(i).padStart(7, '0')}`
    return {
      id,
      email: `${id}@example.com`,
      groups: [...new Set([uid(i % groupCount), uid((i * 7 + 3) % groupCount)])].sort(),
    }
  })
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'provisioning.yaml'),
    'target:\n  type: opendatasoft\nprotected:\n  users: [admin]\nlimits:\n  max_deletion_ratio: 0.5\n',
  )
  const groupLines = Array.from(
    { length: groupCount },
    (_, i) => `  - user_group_id: ${uid(i)}\n    user_group_name: Group ${i}\n    permissions: [${permissionOf(i)}]\n`,
  )
  writeFileSync(
    join(dir, 'groups.yaml'),
    `user_groups:\n  - user_group_id: admins\n    user_group_name: Admins\n    permissions: [edit_domain]\n${groupLines.join('')}`,
  )
  writeFileSync(
    join(dir, 'users.yaml'),
    `users:\n  - user_id: admin\n    email: admin@example.com\n    user_groups: [admins]\n${people.map((p) => `  - user_id: ${p.id}\n    email: ${p.email}\n    user_groups: [${p.groups.join(', ')}]\n`).join('')}`,
  )
  // Live: 2% changed emails, 1.5% missing (to invite and add to groups), 1.5% leavers; 5% of groups with another permission.
  const live = people.flatMap((person, i) => {
    const slot = i % 200
    if (slot < 3) return []
    return [
      {
        username: person.id,
        email: slot < 7 ? `${person.id}@old.example.com` : person.email,
        first_name: '',
        last_name: '',
        groups: person.groups,
      },
    ]
  })
  const leavers = Array.from({ length: Math.floor(users * 0.015) }, (_, i) => ({
    username: `leaver.${String(i).padStart(7, '0')}`,
    email: `leaver.${i}@example.com`,
    groups: [uid(i % groupCount)],
  }))
  const everyone = [...live, ...leavers]
  const membersOf = new Map<string, string[]>()
  for (const user of everyone)
    for (const group of user.groups) membersOf.set(group, [...(membersOf.get(group) ?? []), user.username])
  return {
    apiKeyUser: 'admin',
    users: [{ username: 'admin', email: 'admin@example.com' }, ...everyone.map(({ groups: _groups, ...user }) => user)],
    groups: [
      { uid: 'admins', title: 'Admins', permissions: ['edit_domain'], members: ['admin'] },
      ...Array.from({ length: groupCount }, (_, i) => ({
        uid: uid(i),
        title: `Group ${i}`,
        permissions: [i % 20 === 5 ? 'edit_reuse' : permissionOf(i)],
        members: membersOf.get(uid(i)) ?? [],
      })),
    ],
  }
}

/** Plans and applies `dir` against a fresh emulator, batched or one request per change. */
export function runOpendatasoft(
  dir: string,
  seedFile: string,
  mode: TargetRun['mode'],
  options: RunOptions,
): Promise<TargetRun> {
  return runTarget(dir, seedFile, mode, options, 'opendatasoft', (url, settings, concurrency) =>
    createOpendatasoftTarget({ host: url, apiKey: DEFAULT_API_KEY, settings, concurrency }),
  )
}
