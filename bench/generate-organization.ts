import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  OrganizationSeed,
  StoredUser,
  StoredUserGroup,
} from '../test/emulators/gooddata-cloud/organization-state.js'
import { generatePermissions } from './generate-permissions.js'

/** What to generate besides users and groups 5% apart; by default nothing, so earlier figures stay comparable. */
export interface OrganizationOptions {
  /** Live state exactly as the config says: a plan with no changes, the pull-request case. */
  readonly inSync?: boolean
  /** Workspaces in a hierarchy and data sources, with grants to every tenth group, which declares them. */
  readonly permissions?: boolean
}

/**
 * An organization of `users` users and users/10 groups nested up to depth 4, as config files and as
 * live state 5% apart (or, `inSync`, the same).
 */
export function generateOrganization(
  dir: string,
  users: number,
  options: OrganizationOptions = {},
): { seed: OrganizationSeed; changes: { users: number; groups: number } } {
  const drift = !options.inSync
  const groupCount = Math.max(10, Math.floor(users / 10))
  const groupId = (i: number) => `group-${String(i).padStart(6, '0')}`
  // Group i's parent is (i - 1) / 10 for the first four levels: a tree of depth 4 at most.
  const parentOf = (i: number) => (i > 0 && i < 1_111 ? [groupId(Math.floor((i - 1) / 10))] : [])
  const groups = Array.from({ length: groupCount }, (_, i) => ({
    id: groupId(i),
    name: `Group ${i}`,
    parents: parentOf(i),
  }))
  const people = Array.from({ length: users }, (_, i) => {
    const id = `user.${String(i).padStart(7, '0')}`
    return {
      id,
      firstname: `First${i}`,
      lastname: `Last${i}`,
      email: `${id}@example.com`,
      groups: [...new Set([groupId(i % groupCount), groupId((i * 7 + 3) % groupCount)])].sort(),
    }
  })
  // Live state: 5% of users differ (2% changed email, 1.5% missing, 1.5% extra); 5% of groups renamed.
  const liveUsers: StoredUser[] = []
  let userChanges = 0
  for (const [i, person] of people.entries()) {
    const slot = i % 200
    if (drift && slot < 3) {
      userChanges++
      continue
    }
    const email = drift && slot >= 3 && slot < 7 ? `${person.id}@old.example.com` : person.email
    if (email !== person.email) userChanges++
    liveUsers.push({
      id: person.id,
      attributes: { firstname: person.firstname, lastname: person.lastname, email },
      userGroups: person.groups,
    })
  }
  for (let i = 0; i < (drift ? Math.floor(users * 0.015) : 0); i++) {
    liveUsers.push({
      id: `leaver.${String(i).padStart(7, '0')}`,
      attributes: { firstname: 'Left' },
      userGroups: [groupId(i % groupCount)],
    })
    userChanges++
  }
  const liveGroups: StoredUserGroup[] = groups.map((group, i) => ({
    id: group.id,
    attributes: { name: drift && i % 20 === 5 ? `Old ${group.name}` : group.name },
    parents: group.parents,
  }))
  const groupChanges = drift ? groups.filter((_, i) => i % 20 === 5).length : 0
  const permissions = options.permissions
    ? generatePermissions(
        groups.map((group) => group.id),
        users,
      )
    : undefined

  mkdirSync(join(dir, 'users'), { recursive: true })
  writeFileSync(
    join(dir, 'provisioning.yaml'),
    'load: full\nprotected:\n  users: [admin]\n  user_groups: [adminGroup]\nlimits:\n  max_deletion_ratio: 0.5\n',
  )
  writeFileSync(
    join(dir, 'groups.yaml'),
    `user_groups:\n${groups.map((group) => `  - user_group_id: ${group.id}\n    user_group_name: ${group.name}\n${group.parents.length ? `    parent_user_groups: [${group.parents.join(', ')}]\n` : ''}${permissions?.declared.get(group.id) ?? ''}`).join('')}`,
  )
  const perFile = 10_000
  for (let start = 0; start < users; start += perFile) {
    const chunk = people.slice(start, start + perFile)
    writeFileSync(
      join(dir, 'users', `part-${start / perFile}.yaml`),
      `users:\n${chunk.map((p) => `  - user_id: ${p.id}\n    firstname: ${p.firstname}\n    lastname: ${p.lastname}\n    email: ${p.email}\n    user_groups: [${p.groups.join(', ')}]\n`).join('')}`,
    )
  }
  return {
    seed: {
      users: [{ id: 'admin', attributes: {}, userGroups: ['adminGroup'] }, ...liveUsers],
      userGroups: [{ id: 'adminGroup', attributes: {}, parents: [] }, ...liveGroups],
      ...(permissions ? { workspaces: permissions.workspaces, dataSources: permissions.dataSources } : {}),
    },
    changes: { users: userChanges, groups: groupChanges },
  }
}
