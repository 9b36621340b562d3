import type { ActualUserGroup } from '../model/actual-state.js'
import { changeEffect, type Change } from '../model/change.js'
import { changeKey, type FieldChange, type PlannedChange } from './plan.js'

/**
 * Execution order with dependencies: groups created parents first, groups updated, users created
 * and updated, users deleted, groups deleted children first. A change that needs a created group
 * depends on its creation; a group's deletion depends on the deletion of its child groups.
 */
export function orderForExecution(
  items: readonly { change: Change; fields: readonly FieldChange[] }[],
  actualGroups: ReadonlyMap<string, ActualUserGroup>,
): PlannedChange[] {
  const creatingGroups = new Set(
    items
      .filter(({ change }) => change.kind === 'userGroup' && change.action === 'create')
      .map(({ change }) => change.id),
  )
  // A membership waits for its user's own write: the user must exist, and a write of the whole user must not race it.
  const writingUsers = new Set(
    items
      .filter(({ change }) => change.kind === 'user' && (change.action === 'create' || change.action === 'update'))
      .map(({ change }) => change.id),
  )
  const deletingGroups = new Set(
    items
      .filter(({ change }) => change.kind === 'userGroup' && change.action === 'delete')
      .map(({ change }) => change.id),
  )
  const childrenOf = new Map<string, string[]>()
  for (const group of actualGroups.values()) {
    for (const parent of group.parents) {
      const children = childrenOf.get(parent)
      if (children) children.push(group.id)
      else childrenOf.set(parent, [group.id])
    }
  }

  const enabling = new Set(items.filter(({ change }) => change.action === 'enable').map(({ change }) => change.id))
  // A returning user is enabled before anything else is written to them.
  const afterEnable = (change: Change, keys: string[]) =>
    change.kind === 'user' && change.action !== 'enable' && enabling.has(change.id)
      ? [`enable:${change.id}`, ...keys]
      : keys
  const dependsOn = ({ change }: { change: Change }): string[] => afterEnable(change, directDependencies(change))
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
  const phase = ({ change }: { change: Change }) =>
    change.action === 'permissions'
      ? 2
      : change.kind === 'userGroup'
        ? { create: 0, update: 1, delete: 4 }[change.action]
        : changeEffect(change) === 'delete'
          ? 3
          : 2
  const depth = depthWithin(items, dependsOn)
  return [...items]
    .sort(
      (a, b) => phase(a) - phase(b) || depthOrder(phase(a), depth(a), depth(b)) || compare(a.change.id, b.change.id),
    )
    .map((item) => ({ change: item.change, fields: item.fields, dependsOn: dependsOn(item) }))
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
