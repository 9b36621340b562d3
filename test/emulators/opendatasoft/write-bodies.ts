import { REQUIRED, type FieldErrors } from './answer-format.js'
import type { ExploreLimits } from './domain-state.js'
import { PERMISSIONS } from './permissions.js'

/** The writable fields of a User body that were sent; read-only ones are ignored, as DRF does. */
export interface UserWrite {
  readonly username?: string
  readonly email?: string
  readonly first_name?: string
  readonly last_name?: string
  readonly permissions?: string[]
  /** Group uids. */
  readonly groups?: string[]
  readonly explore_limits?: ExploreLimits
}

/** The writable fields of a UserGroup body that were sent; `uid` is read-only and ignored. */
export interface GroupWrite {
  readonly title?: string
  readonly description?: string
  readonly permissions?: string[]
  readonly explore_limits?: ExploreLimits
}

/** A body read: its fields, or every field's problems. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors }

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
// Django's username rule and message.
const USERNAME = /^[\w.@+-]+$/
const BAD_USERNAME = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'
const UNITS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second'])

/** A User body (PUT, invite, provision); `email` is the schema's one required field. */
export function readUserWrite(body: unknown, groupExists: (uid: string) => boolean): Read<UserWrite> {
  const fields = new FieldReader(body)
  return fields.result<UserWrite>({
    username: fields.text('username', { pattern: [USERNAME, BAD_USERNAME] }),
    email: fields.text('email', { required: true, pattern: [EMAIL, 'Enter a valid email address.'] }),
    first_name: fields.text('first_name', { blank: true }),
    last_name: fields.text('last_name', { blank: true }),
    permissions: fields.permissions(),
    groups: fields.groups(groupExists),
    explore_limits: fields.exploreLimits(),
  })
}

/** A UserGroup body (POST and PUT): `title` is required for both (wire facts §C O3). */
export function readGroupWrite(body: unknown): Read<GroupWrite> {
  const fields = new FieldReader(body)
  return fields.result<GroupWrite>({
    title: fields.text('title', { required: true }),
    description: fields.text('description', { blank: true }),
    permissions: fields.permissions(),
    explore_limits: fields.exploreLimits(),
  })
}

/** Python's name for a JSON value's type, as DRF's messages give it. */
export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object') return 'dict'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  return Number.isInteger(value) ? 'int' : 'float'
}

/** Reads fields of a JSON object, collecting every problem as DRF reports them: field → messages. */
class FieldReader {
  private readonly errors: FieldErrors = {}
  private readonly body: Record<string, unknown>

  constructor(body: unknown) {
    // An absent body is an empty form to DRF: every required field is then missing.
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body)
    if (!isObject && body !== undefined)
      this.fail('non_field_errors', `Invalid data. Expected a dictionary, but got ${pythonType(body)}.`)
    this.body = isObject ? (body as Record<string, unknown>) : {}
  }

  result<T>(value: Record<string, unknown>): Read<T> {
    if (Object.keys(this.errors).length > 0) return { ok: false, errors: this.errors }
    const sent = Object.entries(value).filter(([, field]) => field !== undefined)
    return { ok: true, value: Object.fromEntries(sent) as T }
  }

  text(name: string, rule: { required?: boolean; blank?: boolean; pattern?: [RegExp, string] }): string | undefined {
    const value = this.body[name]
    if (value === undefined) return rule.required ? this.fail(name, REQUIRED) : undefined
    if (typeof value !== 'string') return this.fail(name, 'Not a valid string.')
    if (value.trim() === '' && !rule.blank) return this.fail(name, 'This field may not be blank.')
    if (rule.pattern && !rule.pattern[0].test(value)) return this.fail(name, rule.pattern[1])
    return value
  }

  /** Unknown names are refused, not dropped, so a client's typo is a 400 and never a silent no-op. */
  permissions(): string[] | undefined {
    const value = this.list('permissions')
    if (value === undefined) return undefined
    const unknown = value.filter((name) => typeof name !== 'string' || !PERMISSIONS.has(name))
    if (unknown.length > 0)
      return this.fail('permissions', ...unknown.map((name) => `"${String(name)}" is not a valid choice.`))
    return [...new Set(value as string[])]
  }

  /** `[{uid}]`; full groups (as `expand=groups` answers them) are accepted, by their uid. */
  groups(exists: (uid: string) => boolean): string[] | undefined {
    const value = this.list('groups')
    if (value === undefined) return undefined
    const uids = value.map((item) => (item as { uid?: unknown } | null)?.uid)
    if (!uids.every((uid) => typeof uid === 'string'))
      return this.fail('groups', 'Each group must be an object with a "uid".')
    const missing = (uids as string[]).filter((uid) => !exists(uid))
    if (missing.length > 0)
      return this.fail('groups', ...missing.map((uid) => `Object with uid=${uid} does not exist.`))
    return [...new Set(uids as string[])]
  }

  exploreLimits(): ExploreLimits | undefined {
    const value = this.body['explore_limits'] as { api_calls?: { limit?: unknown; unit?: unknown } } | undefined
    if (value === undefined) return undefined
    const calls = typeof value === 'object' && value !== null ? value.api_calls : null
    if (calls === undefined) return {}
    const valid =
      typeof calls?.limit === 'number' && calls.limit >= 0 && typeof calls.unit === 'string' && UNITS.has(calls.unit)
    if (!valid)
      return this.fail(
        'explore_limits',
        'Expected {"api_calls": {"limit": a number from 0, "unit": year|month|day|hour|minute|second}}.',
      )
    return { api_calls: { limit: calls.limit as number, unit: calls.unit as string } }
  }

  private list(name: string): unknown[] | undefined {
    const value = this.body[name]
    if (value === undefined) return undefined
    return Array.isArray(value)
      ? value
      : this.fail(name, `Expected a list of items but got type "${pythonType(value)}".`)
  }

  private fail(name: string, ...messages: string[]): undefined {
    this.errors[name] = [...(this.errors[name] ?? []), ...messages]
    return undefined
  }
}
