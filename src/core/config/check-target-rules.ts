import type { DeclaredUser, DeclaredUserGroup, ProvisioningSettings, TargetType } from '../model/entities.js'
import { formatPosition, type Problem } from '../model/problem.js'
import { TARGET_PROFILES } from '../targets/profiles.js'
import type { TargetProfile } from '../targets/target-profile.js'
import type { Declared } from './build-entities.js'
import type { Declarations } from './check-declarations.js'
import { locate, type ParsedFile } from './parse-yaml-file.js'
import { didYouMean } from './suggest-closest.js'

type Entry = Declared<DeclaredUser | DeclaredUserGroup>

/** The rules of the chosen target: which keys it takes, its id rule, the keys it requires. */
export function checkTargetRules({ users, userGroups, target }: Declarations): Problem[] {
  const profile = TARGET_PROFILES[target]
  const problems: Problem[] = []
  // Sets, not the profile's lists: every key of every entry is looked up.
  const takes = { user: new Set(profile.configKeys.user), userGroup: new Set(profile.configKeys.userGroup) }
  for (const item of users) {
    checkKeys(item, 'users', 'user', profile, takes.user, problems)
    const rule = profile.userIdRule
    if (rule && !rule.pattern.test(item.entity.id))
      problems.push({
        ...item.entity.source,
        message: `${q(item.entity.id)} is not a valid user id on ${profile.name}: ${rule.says}`,
      })
    for (const key of profile.requiredUserKeys ?? []) {
      const value = rawEntry(item, 'users')?.[key]
      if (item.entity.isActive && (value === undefined || value === '')) {
        problems.push({
          ...item.entity.source,
          message: `user ${q(item.entity.id)} has no ${key}; ${profile.name} needs one for every user (add "${key}:")`,
        })
      }
    }
  }
  for (const item of userGroups) checkKeys(item, 'user_groups', 'userGroup', profile, takes.userGroup, problems)
  checkIdentityKeys(users, userGroups, profile, problems)
  return problems
}

/**
 * Where the target tells entities apart by email, title or a login ignoring case, two declared
 * entries with the same one would be the same entity there: the second is a problem.
 */
function checkIdentityKeys(
  users: readonly Declared<DeclaredUser>[],
  userGroups: readonly Declared<DeclaredUserGroup>[],
  profile: TargetProfile,
  problems: Problem[],
): void {
  const { identity } = profile
  const once = <T extends DeclaredUser | DeclaredUserGroup>(
    items: readonly Declared<T>[],
    keyOf: (entity: T) => string | undefined,
    what: (entity: T) => string,
  ) => {
    const first = new Map<string, T>()
    for (const { entity } of items) {
      const key = keyOf(entity)
      if (key === undefined) continue
      const earlier = first.get(key)
      if (earlier === undefined) first.set(key, entity)
      else
        problems.push({
          ...entity.source,
          message: `${what(entity)} is the same as ${q(earlier.id)}'s at ${formatPosition(earlier.source)}; ${profile.name} would take them for one, so keep one`,
        })
    }
  }
  if (identity?.users === 'email')
    once(
      users,
      (user) => user.email?.toLowerCase(),
      (user) => `the email of user ${q(user.id)}`,
    )
  if (identity?.users === 'id-ignoring-case')
    once(
      users,
      (user) => user.id.toLowerCase(),
      (user) => `user ${q(user.id)}, ignoring case,`,
    )
  if (identity?.groupTitles) {
    const ignoringCase = identity.groupTitles === 'ignoring-case'
    once(
      userGroups,
      (group) => (ignoringCase ? group.name.toLowerCase() : group.name),
      (group) => `the name of user group ${q(group.id)}${ignoringCase ? ', ignoring case,' : ''}`,
    )
  }
}

/** Permission names the target does not list: a warning, since a platform's list grows before ours does. */
export function checkPermissionNames({ users, userGroups, target }: Declarations): Problem[] {
  const known = TARGET_PROFILES[target].permissions?.names
  if (!known) return []
  const warnings: Problem[] = []
  const check = (item: Entry, listKey: string) => {
    const raw = rawEntry(item, listKey)?.['permissions']
    if (!Array.isArray(raw)) return
    raw.forEach((name, index) => {
      if (typeof name !== 'string' || known.includes(name)) return
      const hint = didYouMean(name, known) || `; known: ${known.join(', ')}`
      warnings.push({
        ...locate(item.file, [listKey, item.index, 'permissions', index]),
        message: `${q(name)} is not a permission ${TARGET_PROFILES[target].name} lists${hint}`,
      })
    })
  }
  for (const item of users) check(item, 'users')
  for (const item of userGroups) check(item, 'user_groups')
  return warnings
}

/** The settings in provisioning.yaml that belong to one target type. */
const TARGET_SETTINGS: readonly { readonly type: TargetType; readonly path: readonly string[] }[] = [
  { type: 'opendatasoft', path: ['opendatasoft'] },
  { type: 'gooddata-platform', path: ['gooddata_platform'] },
  { type: 'gooddata-platform', path: ['target', 'domain'] },
  { type: 'gooddata-platform', path: ['target', 'project'] },
]

/** provisioning.yaml's settings of one target: only with that target, and complete. */
export function checkTargetSettings(file: ParsedFile | undefined, settings: ProvisioningSettings): Problem[] {
  if (!file) return []
  const raw = file.value as Record<string, Record<string, unknown> | undefined> | undefined
  const at = (path: readonly string[]) => (path.length === 1 ? raw?.[path[0]!] : raw?.[path[0]!]?.[path[1]!])
  const type = settings.target.type
  const problems: Problem[] = []
  for (const { type: owner, path } of TARGET_SETTINGS) {
    if (owner === type || at(path) === undefined) continue
    problems.push({
      ...locate(file, [...path], 'key'),
      message: `${q(path.join('.'))} is for target.type ${owner}; this config targets ${type}, so remove it`,
    })
  }
  const ods = raw?.['opendatasoft']
  if (type === 'opendatasoft' && ods?.['create_users_by'] === 'provision' && !ods['identity_provider']) {
    problems.push({
      ...locate(file, ['opendatasoft', 'create_users_by']),
      message:
        'create_users_by: provision needs opendatasoft.identity_provider, the uid of the identity provider new users sign in through',
    })
  }
  if (type === 'gooddata-platform') {
    for (const key of ['domain', 'project']) {
      if (at(['target', key]) === undefined)
        problems.push({
          ...locate(file, raw?.['target'] ? ['target'] : [], 'key'),
          message: `target.${key} is required for target.type gooddata-platform: ${key === 'domain' ? 'the user domain new users are created in' : 'the id of the project this config manages'}`,
        })
    }
  }
  return problems
}

/** Keys the chosen target does not take (`role` outside the legacy platform, `parent_user_groups` where groups are flat). */
function checkKeys(
  item: Entry,
  listKey: string,
  kind: 'user' | 'userGroup',
  profile: TargetProfile,
  taken: ReadonlySet<string>,
  problems: Problem[],
): void {
  const raw = rawEntry(item, listKey)
  // for…in, not Object.keys: this runs for every entry, and a mapping from the readers inherits nothing to enumerate.
  for (const key in raw) {
    if (taken.has(key)) continue
    const takers = Object.values(TARGET_PROFILES)
      .filter((other) => other.configKeys[kind].includes(key))
      .map((other) => other.type)
    if (takers.length === 0) continue
    const flat =
      key === 'parent_user_groups' && !profile.capabilities.nestedGroups ? ', whose user groups are flat,' : ''
    const position = locate(item.file, [listKey, item.index, key], 'key')
    problems.push({
      ...position,
      message: `${q(key)} is used only by the ${takers.join(' and ')} target; this config targets ${profile.type} (target.type in provisioning.yaml)${flat || ','} so remove it`,
    })
  }
}

function rawEntry(item: Entry, listKey: string): Record<string, unknown> | undefined {
  return ((item.file.value as Record<string, unknown>)[listKey] as Record<string, unknown>[] | undefined)?.[item.index]
}

function q(text: string): string {
  return JSON.stringify(text)
}
