import type { ActualUser, ActualUserGroup } from '../../../core/model/actual-state.js'
import { fieldProblem, isJsonObject, objectBodyProblem } from '../../http/checked-answer.js'

/** The Automation API on a domain. Every path ends with `/`, as the description writes them (wire facts §C O11). */
export const API = '/api/automation/v1.0'

const segment = encodeURIComponent

export const PATHS = {
  users: `${API}/users/`,
  invite: `${API}/users/invite/`,
  provision: `${API}/users/provision/`,
  user: (username: string) => `${API}/users/${segment(username)}/`,
  groups: `${API}/groups/`,
  group: (uid: string) => `${API}/groups/${segment(uid)}/`,
  memberBatch: (uid: string) => `${API}/groups/${segment(uid)}/users/batch/`,
  member: (uid: string, username: string) => `${API}/groups/${segment(uid)}/users/${segment(username)}/`,
} as const

/** A User as the API answers it, once checked: the fields this reads are typed, the rest kept as sent. */
export interface UserDocument {
  readonly username: string
  readonly email?: string | null
  readonly first_name?: string | null
  readonly last_name?: string | null
  readonly permissions?: readonly string[]
  readonly groups?: readonly { readonly uid: string }[]
  readonly is_ods?: boolean
  readonly [field: string]: unknown
}

/** A UserGroup as the API answers it, once checked. */
export interface GroupDocument {
  readonly uid: string
  readonly title: string
  readonly description?: string | null
  readonly permissions?: readonly string[]
  readonly [field: string]: unknown
}

/**
 * Writable fields of a user this tool does not manage: read with the user and sent back on every
 * PUT, since what a PUT does to a field it omits is not documented (wire facts §C O3).
 * `management_limits` is deprecated but still writable in the description.
 */
export const CARRIED_USER_FIELDS = ['explore_limits', 'management_limits'] as const

/** The same for groups. */
export const CARRIED_GROUP_FIELDS = ['description', 'explore_limits', 'management_limits'] as const

/** A checked user → the actual user: empty strings count as absent, groups and permissions sorted. */
export function readUser(user: UserDocument): ActualUser {
  const texts = { firstname: user.first_name, lastname: user.last_name, email: user.email }
  const fields = Object.fromEntries(
    Object.entries(texts).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  )
  return {
    id: user.username,
    ...fields,
    userGroups: sortedUnique((user.groups ?? []).map((group) => group.uid)),
    permissions: sortedUnique(user.permissions ?? []),
    unmanaged: carried(user, CARRIED_USER_FIELDS),
  }
}

/** A checked group → the actual group: the uid is both the key and the server's reference; groups are flat. */
export function readUserGroup(group: GroupDocument): ActualUserGroup {
  return {
    id: group.uid,
    ref: group.uid,
    ...(group.title === '' ? {} : { name: group.title }),
    parents: [],
    permissions: sortedUnique(group.permissions ?? []),
  }
}

/** The fields of `document` among `names` that it has a value for (null counts as none). */
export function carried(
  document: Readonly<Record<string, unknown>>,
  names: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(
    names
      .filter((name) => document[name] !== undefined && document[name] !== null)
      .map((name) => [name, document[name]]),
  )
}

/** What is wrong with a User at `at` (`results[3]`, or '' for a whole body), or undefined. */
export function userProblem(value: unknown, at = ''): string | undefined {
  if (!isJsonObject(value)) return at === '' ? objectBodyProblem(value) : fieldProblem(at, 'an object', value)
  const name = (field: string) => (at === '' ? field : `${at}.${field}`)
  if (!isAddressable(value['username']))
    return fieldProblem(name('username'), 'a name a URL can address (not empty, "." or "..")', value['username'])
  for (const field of ['email', 'first_name', 'last_name']) {
    if (!optionalText(value[field])) return fieldProblem(name(field), 'a string', value[field])
  }
  if (value['is_ods'] !== undefined && typeof value['is_ods'] !== 'boolean')
    return fieldProblem(name('is_ods'), 'true or false', value['is_ods'])
  return (
    permissionsProblem(value['permissions'], name('permissions')) ?? groupLinksProblem(value['groups'], name('groups'))
  )
}

/** What is wrong with a UserGroup at `at`, or undefined. */
export function groupProblem(value: unknown, at = ''): string | undefined {
  if (!isJsonObject(value)) return at === '' ? objectBodyProblem(value) : fieldProblem(at, 'an object', value)
  const name = (field: string) => (at === '' ? field : `${at}.${field}`)
  if (!isAddressable(value['uid']))
    return fieldProblem(name('uid'), 'a name a URL can address (not empty, "." or "..")', value['uid'])
  if (typeof value['title'] !== 'string') return fieldProblem(name('title'), 'a string', value['title'])
  if (!optionalText(value['description'])) return fieldProblem(name('description'), 'a string', value['description'])
  return permissionsProblem(value['permissions'], name('permissions'))
}

function permissionsProblem(value: unknown, at: string): string | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) return fieldProblem(at, 'a list', value)
  const index = value.findIndex((permission) => typeof permission !== 'string')
  return index === -1 ? undefined : fieldProblem(`${at}[${index}]`, 'a string', value[index])
}

/** `[{uid}]`, or whole groups with `expand=groups`: either way each item has its uid. */
function groupLinksProblem(value: unknown, at: string): string | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) return fieldProblem(at, 'a list', value)
  const index = value.findIndex((link) => !isJsonObject(link) || !isAddressable(link['uid']))
  if (index === -1) return undefined
  const link: unknown = value[index]
  return fieldProblem(`${at}[${index}].uid`, 'a non-empty string', isJsonObject(link) ? link['uid'] : null)
}

function optionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string'
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort()
}

/**
 * A username or uid that can be a path segment: `.` and `..` (even escaped) are resolved away by
 * URL rules, so a write to `/users/../` would reach another resource. Refused as an answer.
 */
function isAddressable(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value !== '.' && value !== '..'
}
