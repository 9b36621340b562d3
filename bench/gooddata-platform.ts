// The legacy GoodData Platform rows of npm run bench: a project of 2,000 users planned and applied
// against its emulator in a process of its own, with the project-user batches and with one request
// per change, each against the lower bound the work sets.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGoodDataPlatformTarget } from '../src/shell/targets/gooddata-platform/create-gooddata-platform-target.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  type PlatformSeed,
} from '../test/emulators/gooddata-platform/server.js'
import { runTarget, type RunOptions, type TargetRun } from './target-run.js'

const ROLES = ['editorRole', 'readOnlyUserRole', 'dashboardOnlyRole', 'explorerRole'] as const

/** A project of `users` users in users/20 groups, as config files and as a seed 5% apart. */
export function generateProject(dir: string, users: number): PlatformSeed {
  const groupCount = Math.max(5, Math.floor(users / 20))
  const group = (i: number) => ({ id: `group-${String(i).padStart(5, '0')}`, name: `Group ${i}` })
  const people = Array.from({ length: users }, (_, i) => ({
    login: `user.${String(i).padStart(6, '0')}@example.com`,
    role: ROLES[i % ROLES.length]!,
    group: group(i % groupCount),
  }))
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'provisioning.yaml'),
    `target:\n  type: gooddata-platform\n  domain: ${DEFAULT_DOMAIN}\n  project: ${DEFAULT_PROJECT}\nlimits:\n  max_deletion_ratio: 0.5\n`,
  )
  const groups = Array.from({ length: groupCount }, (_, i) => group(i))
  writeFileSync(
    join(dir, 'groups.yaml'),
    `user_groups:\n${groups.map((g) => `  - user_group_id: ${g.id}\n    user_group_name: ${g.name}\n`).join('')}`,
  )
  const entry = (p: (typeof people)[number]) =>
    `  - user_id: ${p.login}\n    firstname: F\n    lastname: L\n    role: ${p.role}\n    user_groups: [${p.group.id}]\n`
  writeFileSync(
    join(dir, 'users.yaml'),
    `users:\n  - user_id: ${DEFAULT_LOGIN}\n    firstname: Domain\n    lastname: Admin\n    role: adminRole\n${people.map(entry).join('')}`,
  )
  // Live: 2% with another role, 1.5% missing from the project (to create), 1.5% leavers (to disable).
  const live = people.flatMap((person, i) => {
    const slot = i % 200
    if (slot < 3) return []
    return [
      {
        login: person.login,
        password: 'pw-123456',
        firstName: 'F',
        lastName: 'L',
        role: slot < 7 ? 'readOnlyNoExportRole' : person.role,
        group: person.group.name,
      },
    ]
  })
  const leavers = Array.from({ length: Math.floor(users * 0.015) }, (_, i) => ({
    login: `leaver.${i}@example.com`,
    password: 'pw-123456',
    firstName: 'F',
    lastName: 'L',
    role: 'editorRole',
    group: group(i % groupCount).name,
  }))
  const everyone = [...live, ...leavers]
  return {
    users: [
      {
        login: DEFAULT_LOGIN,
        password: DEFAULT_PASSWORD,
        firstName: 'Domain',
        lastName: 'Admin',
        domainAdmin: true,
        role: 'adminRole',
      },
      ...everyone.map(({ group: _group, ...user }) => user),
    ],
    groups: groups.map((g) => ({
      name: g.name,
      members: everyone.filter((user) => user.group === g.name).map((user) => user.login),
    })),
  }
}

/** Plans and applies `dir` against a fresh emulator, batched or one request per change. */
export function runGoodDataPlatform(
  dir: string,
  seedFile: string,
  mode: TargetRun['mode'],
  options: RunOptions,
): Promise<TargetRun> {
  return runTarget(dir, seedFile, mode, options, 'gooddata-platform', (url, settings, concurrency) =>
    createGoodDataPlatformTarget({
      host: url,
      credentials: { username: DEFAULT_LOGIN, password: DEFAULT_PASSWORD },
      settings,
      concurrency,
    }),
  )
}
