import { ALL_USER_TEXT_FIELDS } from '../targets/user-fields.js'
import type { DeclaredScopedPermissions, DeclaredUser, DeclaredUserGroup } from '../model/entities.js'
import { locateIds, type ParsedFile } from './parse-yaml-file.js'

/** A user row as the schema admits it; its text fields are read through the catalog. */
interface UserRow extends ScopedPermissionRows {
  user_id: string
  user_groups?: string[]
  is_active?: boolean
  permissions?: string[]
}

/** GoodData Cloud's permissions as written: by workspace id a list, or permissions and hierarchy lists. */
interface ScopedPermissionRows {
  workspace_permissions?: Record<string, string[] | { permissions?: string[]; hierarchy?: string[] }>
  data_source_permissions?: Record<string, string[]>
}

/** A user group row as the schema admits it. */
interface UserGroupRow extends ScopedPermissionRows {
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
  const positions = locateIds(
    file,
    'users',
    'user_id',
    rows.map((row) => row?.user_id),
  )
  const out: Declared<DeclaredUser>[] = []
  rows.forEach((row, index) => {
    if (invalidItems.has(index)) return
    // Assigned field by field: this runs for every user of an organization, and spreads allocate.
    const entity: { -readonly [K in keyof DeclaredUser]: DeclaredUser[K] } = {
      id: row.user_id,
      userGroups: sortedUnique(row.user_groups),
      isActive: row.is_active ?? true,
      source: positions[index]!,
    }
    for (const { key, config } of ALL_USER_TEXT_FIELDS) {
      const value = (row as unknown as Record<string, unknown>)[config]
      if (typeof value === 'string' && value !== '') entity[key] = value
    }
    if (row.permissions !== undefined) entity.permissions = sortedUnique(row.permissions)
    if (row.workspace_permissions || row.data_source_permissions) Object.assign(entity, scopedPermissions(row))
    out.push({ entity, file, index })
  })
  return out
}

/** User groups of one schema-checked file, skipping the items that failed the schema. */
export function buildUserGroups(file: ParsedFile, invalidItems: ReadonlySet<number>): Declared<DeclaredUserGroup>[] {
  const rows = listOf<UserGroupRow>(file.value, 'user_groups')
  const positions = locateIds(
    file,
    'user_groups',
    'user_group_id',
    rows.map((row) => row?.user_group_id),
  )
  const out: Declared<DeclaredUserGroup>[] = []
  rows.forEach((row, index) => {
    if (invalidItems.has(index)) return
    const entity: DeclaredUserGroup = {
      id: row.user_group_id,
      name: row.user_group_name || row.user_group_id,
      parents: sortedUnique(row.parent_user_groups),
      isActive: row.is_active ?? true,
      ...(row.permissions === undefined ? {} : { permissions: sortedUnique(row.permissions) }),
      ...scopedPermissions(row),
      source: positions[index]!,
    }
    out.push({ entity, file, index })
  })
  return out
}

/** The declared workspace and data-source permissions, sorted by id; a kind not written stays absent. */
function scopedPermissions(row: ScopedPermissionRows): DeclaredScopedPermissions {
  const out: { -readonly [K in keyof DeclaredScopedPermissions]: DeclaredScopedPermissions[K] } = {}
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  if (row.workspace_permissions)
    out.workspacePermissions = Object.entries(row.workspace_permissions)
      .map(([id, held]) =>
        Array.isArray(held)
          ? { id, permissions: sortedUnique(held), hierarchy: EMPTY }
          : { id, permissions: sortedUnique(held.permissions), hierarchy: sortedUnique(held.hierarchy) },
      )
      .sort(byId)
  if (row.data_source_permissions)
    out.dataSourcePermissions = Object.entries(row.data_source_permissions)
      .map(([id, held]) => ({ id, permissions: sortedUnique(held) }))
      .sort(byId)
  return out
}

function listOf<T>(value: unknown, key: string): T[] {
  const list = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  return Array.isArray(list) ? (list as T[]) : []
}

function sortedUnique(values: readonly string[] | undefined): readonly string[] {
  if (!values || values.length === 0) return EMPTY
  if (values.length === 1) return values
  // Most lists are written sorted, and are then kept as they are.
  if (isStrictlyAscending(values)) return values
  return [...new Set(values)].sort()
}

function isStrictlyAscending(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1]! < values[i]!)) return false
  return true
}

const EMPTY: readonly string[] = []
