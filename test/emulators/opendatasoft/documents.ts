import { createHash } from 'node:crypto'
import type { FieldErrors } from './answer-format.js'
import type { DomainState, StoredGroup, StoredUser } from './domain-state.js'
import type { Read } from './write-bodies.js'

/** A UserGroup as the API answers it. */
export function groupDocument(group: StoredGroup) {
  return {
    uid: group.uid,
    title: group.title,
    description: group.description,
    user_count: group.members.length,
    permissions: [...group.permissions],
    ...(group.explore_limits === undefined ? {} : { explore_limits: structuredClone(group.explore_limits) }),
    created_at: group.created_at,
    updated_at: group.updated_at,
    created_by: { username: group.created_by },
    updated_by: { username: group.updated_by },
  }
}

/** A User as the API answers it: `groups` as `[{uid}]`, or whole groups with `expand=groups`. */
export function userDocument(
  state: DomainState,
  user: StoredUser,
  expandGroups = false,
  groupsOf = (username: string) => state.groupsOf(username),
) {
  const groups = groupsOf(user.username)
  return {
    username: user.username,
    // "Simplified version of the username": the emulator's usernames are simple already.
    display_name: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    is_active: user.is_active,
    email: user.email,
    is_ods: user.is_ods,
    account_type: user.account_type,
    permissions: [...user.permissions],
    joined_at: user.joined_at,
    expires_at: null,
    ...(user.explore_limits === undefined ? {} : { explore_limits: structuredClone(user.explore_limits) }),
    gravatar_url: `//www.gravatar.com/avatar/${createHash('md5').update(user.email.trim().toLowerCase()).digest('hex')}?d=mm&s=80`,
    groups: expandGroups ? groups.map(groupDocument) : groups.map((group) => ({ uid: group.uid })),
    identity_providers: user.identity_providers.map((uid) => ({ uid })),
  }
}

/** Whether the query asks for whole groups in users (`expand=groups`, possibly among other fields). */
export function expandsGroups(query: URLSearchParams): boolean {
  return query.getAll('expand').some((value) => value.split(',').includes('groups'))
}

/** A page asked for with `limit` and `offset`. */
export interface Page {
  readonly limit: number
  readonly offset: number
}

/**
 * `limit` 0–1000, default 20, and `offset` from 0, as the description bounds them. Out-of-range
 * values are refused rather than clamped (DRF clamps; the description's bounds suggest a check):
 * an adapter sending them has a bug a test should see.
 */
export function readPage(query: URLSearchParams): Read<Page> {
  const errors: FieldErrors = {}
  const read = (name: string, fallback: number, max: number) => {
    const raw = query.get(name)
    const value = raw === null || raw === '' ? fallback : Number(raw)
    if (!Number.isInteger(value)) errors[name] = ['A valid integer is required.']
    else if (value < 0) errors[name] = ['Ensure this value is greater than or equal to 0.']
    else if (value > max) errors[name] = [`Ensure this value is less than or equal to ${max}.`]
    return value
  }
  const page = { limit: read('limit', 20, 1000), offset: read('offset', 0, Number.MAX_SAFE_INTEGER) }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: page }
}

/**
 * PaginatedResults. `next` and `previous` are absolute URLs on the server's own origin carrying
 * both `limit` and `offset` (wire facts §C O5), the rest of the query kept, as DRF's
 * LimitOffsetPagination builds them. `limit=0` answers the count alone, with no links.
 */
export function paginated<T, D>(items: readonly T[], page: Page, url: URL, render: (item: T) => D) {
  const { limit, offset } = page
  const link = (to: number) => {
    const target = new URL(url.href)
    target.searchParams.set('limit', String(limit))
    target.searchParams.set('offset', String(to))
    target.searchParams.sort()
    return target.href
  }
  const more = limit > 0 && offset + limit < items.length
  const earlier = limit > 0 && offset > 0
  return {
    total_count: items.length,
    next: more ? link(offset + limit) : null,
    previous: earlier ? link(Math.max(0, offset - limit)) : null,
    results: items.slice(offset, offset + limit).map(render),
  }
}

/** Case-insensitive substring search over some fields, as the description's `search` parameters do. */
export function matchesSearch(query: URLSearchParams, fields: readonly string[]): boolean {
  const wanted = query.get('search')?.trim().toLowerCase()
  return !wanted || fields.some((field) => field.toLowerCase().includes(wanted))
}
