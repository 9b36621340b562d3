import type { ActualUser, ActualUserGroup } from '../model/actual-state.js'
import { changeEffect, type Change, type UserFields } from '../model/change.js'
import { changeKey, type FieldChange, type PlannedChange } from './plan.js'

type Item = { readonly change: Change; readonly fields: readonly FieldChange[] }

/**
 * Plan order (groups created parents first, groups updated, users created and updated, users
 * removed, groups deleted children first) and, for each change, every change it waits for: the
 * executor runs a change as soon as those have succeeded, whatever their place in the list.
 *
 * - A change that names a created group waits for its creation; permissions wait for their holder's.
 * - A membership waits for its user's own write; any write to a returning user waits for the enable.
 * - A group's deletion waits for what leaves it: the deletion or update of its child groups, the
 *   write or removal of its members, and their remove-member changes. The server never sees it
 *   deleted while a write still names it.
 * - An administrator's removal waits for the first change that makes someone else one (the
 *   `admin` role or permission, directly or through a group), so a target never refuses to remove
 *   its last administrator halfway through (the legacy project's admin role, Opendatasoft's
 *   edit_domain). Other removals wait for no grant: a failed grant skips only what needs it.
 */
export function orderForExecution(
  items: readonly Item[],
  actualGroups: ReadonlyMap<string, ActualUserGroup>,
  admin: { readonly role?: string; readonly permission?: string } = {},
): PlannedChange[] {
  const ids = (kind: Change['kind'], actions: readonly Change['action'][]) =>
    new Set(
      items
        .filter(({ change }) => change.kind === kind && actions.includes(change.action))
        .map(({ change }) => change.id),
    )
  const creatingGroups = ids('userGroup', ['create'])
  // A membership waits for its user's own write: the user must exist, and a write of the whole user must not race it.
  const writingUsers = ids('user', ['create', 'update'])
  const deletingGroups = ids('userGroup', ['delete'])
  const childrenOf = new Map<string, string[]>()
  for (const group of actualGroups.values()) {
    for (const parent of group.parents) {
      const children = childrenOf.get(parent)
      if (children) children.push(group.id)
      else childrenOf.set(parent, [group.id])
    }
  }

  const enabling = ids('user', ['enable'])
  // A returning user is enabled before anything else is written to them.
  const afterEnable = (change: Change, keys: string[]) =>
    change.kind === 'user' && change.action !== 'enable' && enabling.has(change.id)
      ? [`enable:${change.id}`, ...keys]
      : keys
  const creating = new Set(
    items.filter(({ change }) => change.action === 'create').map(({ change }) => `${change.kind}:${change.id}`),
  )
  const directDependencies = (change: Change): string[] => {
    // Permissions are granted to a user or group that exists: a new one's creation comes first.
    if (change.action === 'permissions') {
      const own = `${change.kind}:${change.id}`
      return creating.has(own) ? [own] : []
    }
    if (change.action === 'delete') {
      if (change.kind === 'user') return []
      return (childrenOf.get(change.id) ?? [])
        .filter((child) => deletingGroups.has(child))
        .sort()
        .map((child) => `userGroup:${child}`)
    }
    if (change.action === 'add-member' || change.action === 'remove-member') {
      const needs = writingUsers.has(change.id) ? [`user:${change.id}`] : []
      return change.action === 'add-member' && creatingGroups.has(change.group)
        ? [...needs, `userGroup:${change.group}`]
        : needs
    }
    if (!('after' in change)) return []
    const referenced = change.kind === 'user' ? change.after.userGroups : change.after.parents
    return referenced.filter((group) => creatingGroups.has(group)).map((group) => `userGroup:${group}`)
  }
  // What sorts the list: the dependencies the phases alone once enforced are left out, so the plan reads as before.
  const sortingDependencies = ({ change }: { change: Change }) => afterEnable(change, directDependencies(change))
  const depth = depthWithin(items, sortingDependencies)
  // Each item's place worked out once, not in every comparison of the sort.
  const placed = items.map((item) => ({ item, phase: phaseOf(item.change), depth: depth(item) }))
  const sorted = placed
    .sort(
      (a, b) =>
        a.phase - b.phase || depthOrder(a.phase, a.depth, b.depth) || compare(a.item.change.id, b.item.change.id),
    )
    .map(({ item }) => item)
  const leavers = leaversOf(sorted, childrenOf)
  const adminTokens = new Set([
    ...(admin.role === undefined ? [] : [`role:${admin.role}`]),
    ...(admin.permission === undefined ? [] : [`permission:${admin.permission}`]),
  ])
  const handOver = handOverOf(sorted, actualGroups, adminTokens)
  return sorted.map((item) => ({
    change: item.change,
    fields: item.fields,
    dependsOn: unique([...sortingDependencies(item), ...leavers(item.change), ...handOver(item.change)]),
  }))
}

/** Groups created, groups updated, users written, users removed, groups deleted. */
function phaseOf(change: Change): number {
  if (change.action === 'permissions') return 2
  if (change.kind === 'userGroup') return GROUP_PHASES[change.action]
  return changeEffect(change) === 'delete' ? 3 : 2
}

const GROUP_PHASES = { create: 0, update: 1, delete: 4 } as const

/** For a group's deletion: the changes of child groups and members that leave it, sorted. */
function leaversOf(items: readonly Item[], childrenOf: ReadonlyMap<string, readonly string[]>) {
  const keys = new Set(items.map(({ change }) => changeKey(change)))
  const members = new Map<string, string[]>()
  const add = (group: string, key: string) => {
    const list = members.get(group)
    if (list) list.push(key)
    else members.set(group, [key])
  }
  for (const { change } of items) {
    if (change.kind !== 'user') continue
    if (change.action === 'remove-member') add(change.group, changeKey(change))
    else if (change.action === 'update' || change.action === 'delete' || change.action === 'disable')
      for (const group of change.before.userGroups) add(group, changeKey(change))
  }
  return (change: Change): string[] => {
    if (change.kind !== 'userGroup' || change.action !== 'delete') return []
    // Deleting children are there already (directDependencies); updated ones drop this group as a parent.
    const children = (childrenOf.get(change.id) ?? []).map((child) => `userGroup:${child}`)
    return [...children.filter((key) => keys.has(key)), ...(members.get(change.id) ?? [])].sort()
  }
}

/**
 * For an administrator's removal: the first change, in plan order, that makes another user one
 * (`role:R` or `permission:P` among `adminTokens`), their groups' permissions included.
 */
function handOverOf(
  items: readonly Item[],
  actualGroups: ReadonlyMap<string, ActualUserGroup>,
  adminTokens: ReadonlySet<string>,
) {
  if (adminTokens.size === 0) return () => []
  const groupsAfter = new Map([...actualGroups].map(([id, group]) => [id, group.permissions ?? []]))
  for (const { change } of items)
    if (change.kind === 'userGroup' && 'after' in change) groupsAfter.set(change.id, change.after.permissions ?? [])
  const before = (id: string) => actualGroups.get(id)?.permissions ?? []
  const after = (id: string) => groupsAfter.get(id) ?? []
  const first = new Map<string, string>()
  for (const { change } of items)
    for (const token of grantsOf(change, before, after)) if (!first.has(token)) first.set(token, changeKey(change))
  return (change: Change): string[] => {
    if (change.kind !== 'user' || (change.action !== 'delete' && change.action !== 'disable')) return []
    if (change.before.disabled) return []
    const held = holdings(change.before, before).filter((token) => adminTokens.has(token))
    const keys = held.flatMap((token) => first.get(token) ?? [])
    return unique(keys).sort()
  }
}

/** What a change gives a user who stays: a role or permission they did not hold before it. */
function grantsOf(change: Change, before: GroupPermissions, after: GroupPermissions): string[] {
  if (change.kind === 'userGroup')
    return change.action === 'update'
      ? without(change.after.permissions ?? [], change.before.permissions ?? []).map((name) => `permission:${name}`)
      : []
  switch (change.action) {
    case 'create':
      return holdings(change.after, after)
    case 'update':
      return without(holdings(change.after, after), holdings(change.before, before))
    case 'enable':
      return holdings(change.before, before)
    case 'add-member':
      return after(change.group).map((name) => `permission:${name}`)
    default:
      return []
  }
}

type GroupPermissions = (group: string) => readonly string[]

/** A user's role and permissions, their groups' included, as tokens. */
function holdings(user: ActualUser | UserFields, groupPermissions: GroupPermissions): string[] {
  const permissions = [...(user.permissions ?? []), ...user.userGroups.flatMap(groupPermissions)]
  return [...(user.role === undefined ? [] : [`role:${user.role}`]), ...permissions.map((name) => `permission:${name}`)]
}

function without(values: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed)
  return values.filter((value) => !gone.has(value))
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

/**
 * Within group creates (parents first) and group deletes (children first) a change comes after
 * what it depends on; elsewhere changes go by id alone.
 */
function depthOrder(phase: number, a: number, b: number): number {
  return phase === 0 || phase === 4 ? a - b : 0
}

/** How many dependency links lead from a change down to one with none (memoised; the config has no cycles). */
function depthWithin(items: readonly { change: Change }[], dependsOn: (item: { change: Change }) => string[]) {
  const byKey = new Map(items.map((item) => [changeKey(item.change), item]))
  const memo = new Map<string, number>()
  const depth = (item: { change: Change }): number => {
    const key = changeKey(item.change)
    const known = memo.get(key)
    if (known !== undefined) return known
    memo.set(key, 0)
    const value = Math.max(0, ...dependsOn(item).map((dependency) => 1 + depth(byKey.get(dependency)!)))
    memo.set(key, value)
    return value
  }
  return depth
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
