import type { ActualUser, ActualUserGroup } from '../model/actual-state.js'
import type { UserFields, UserGroupFields } from '../model/change.js'
import type { UserValueField } from '../targets/user-fields.js'
import type { FieldChange } from './plan.js'
import { sameList } from '../model/same-list.js'

/** What differs between a user on the target and as declared, in the target's fields; group lists compare as sets. */
export function compareUser(before: ActualUser, after: UserFields, fields: readonly UserValueField[]): FieldChange[] {
  const changes: FieldChange[] = []
  for (const { key, config } of fields) {
    if (before[key] !== after[key]) changes.push(valueChange(config, before[key], after[key]))
  }
  const groups = compareSets(before.userGroups, after.userGroups)
  if (groups) changes.push({ field: 'user_groups', type: 'set', ...groups })
  comparePermissions(before.permissions, after.permissions, changes)
  return changes
}

/** What differs between a group on the target and as declared; a missing name equals the id. */
export function compareUserGroup(before: ActualUserGroup, after: UserGroupFields): FieldChange[] {
  const changes: FieldChange[] = []
  const beforeName = before.name ?? before.id
  if (beforeName !== after.name) changes.push(valueChange('user_group_name', before.name, after.name))
  const parents = compareSets(before.parents, after.parents)
  if (parents) changes.push({ field: 'parent_user_groups', type: 'set', ...parents })
  comparePermissions(before.permissions, after.permissions, changes)
  return changes
}

/** Permissions compare as sets, where the target has them (the declared side is then always a list). */
function comparePermissions(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  changes: FieldChange[],
): void {
  if (after === undefined) return
  const permissions = compareSets(before ?? [], after)
  if (permissions) changes.push({ field: 'permissions', type: 'set', ...permissions })
}

function valueChange(field: string, before: string | undefined, after: string | undefined): FieldChange {
  return {
    field,
    type: 'value',
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  }
}

function compareSets(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } | undefined {
  // Both sides arrive sorted and without duplicates, so equal sets are equal arrays: the common case, with no allocation.
  if (sameList(before, after)) return undefined
  const had = new Set(before)
  const has = new Set(after)
  const added = after.filter((id) => !had.has(id))
  const removed = before.filter((id) => !has.has(id))
  return added.length === 0 && removed.length === 0
    ? undefined
    : { added: [...added].sort(), removed: [...removed].sort() }
}
