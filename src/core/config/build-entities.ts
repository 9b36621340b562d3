import type { DeclaredUser, DeclaredUserGroup } from '../model/entities.js'
import { locateIds, type ParsedFile } from './parse-yaml-file.js'

/** A user row as the schema admits it. */
interface UserRow {
  user_id: string
  firstname?: string
  lastname?: string
  email?: string
  auth_id?: string
  user_groups?: string[]
  is_active?: boolean
  permissions?: string[]
  role?: string
}

/** A user group row as the schema admits it. */
interface UserGroupRow {
  user_group_id: string
  user_group_name?: string
  parent_user_groups?: string[]
  is_active?: boolean
  permissions?: string[]
}

/** An entity with the file and list index it was declared at, for pointing at its parts later. */
export interface Declared<T> {
  readonly entity: T
  readonly file: ParsedFile
  readonly index: number
}

/** Users of one schema-checked file, skipping the items that failed the schema. */
export function buildUsers(file: ParsedFile, invalidItems: ReadonlySet<number>): Declared<DeclaredUser>[] {
  const rows = listOf<UserRow>(file.value, 'users')
  const positions = locateIds(file, 'users', 'user_id', rows.map((row) => row?.user_id))
  const out: Declared<DeclaredUser>[] = []
  rows.forEach((row, index) => {
    if (invalidItems.has(index)) return
    const entity: DeclaredUser = {
      id: row.user_id,
      ...present('firstname', row.firstname),
      ...present('lastname', row.lastname),
      ...present('email', row.email),
      ...present('authId', row.auth_id),
      userGroups: sortedUnique(row.user_groups),
      isActive: row.is_active ?? true,
      ...(row.permissions === undefined ? {} : { permissions: sortedUnique(row.permissions) }),
      ...present('role', row.role),
      source: positions[index]!,
    }
    out.push({ entity, file, index })
  })
  return out
}

/** User groups of one schema-checked file, skipping the items that failed the schema. */
export function buildUserGroups(file: ParsedFile, invalidItems: ReadonlySet<number>): Declared<DeclaredUserGroup>[] {
  const rows = listOf<UserGroupRow>(file.value, 'user_groups')
  const positions = locateIds(file, 'user_groups', 'user_group_id', rows.map((row) => row?.user_group_id))
  const out: Declared<DeclaredUserGroup>[] = []
  rows.forEach((row, index) => {
    if (invalidItems.has(index)) return
    const entity: DeclaredUserGroup = {
      id: row.user_group_id,
      name: row.user_group_name || row.user_group_id,
      parents: sortedUnique(row.parent_user_groups),
      isActive: row.is_active ?? true,
      ...(row.permissions === undefined ? {} : { permissions: sortedUnique(row.permissions) }),
      source: positions[index]!,
    }
    out.push({ entity, file, index })
  })
  return out
}

function listOf<T>(value: unknown, key: string): T[] {
  const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  return Array.isArray(list) ? (list as T[]) : []
}

/** `{ [key]: value }` when the value is a non-empty string, `{}` otherwise: empty equals absent. */
function present<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]: string })
}

function sortedUnique(values: readonly string[] | undefined): readonly string[] {
  if (!values || values.length === 0) return []
  return [...new Set(values)].sort()
}
