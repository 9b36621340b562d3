import { appendAll } from '../model/append-all.js'
import type { DeclaredUser, DeclaredUserGroup, LoadMode, TargetType } from '../model/entities.js'
import { formatPosition, type Problem } from '../model/problem.js'
import type { Declared } from './build-entities.js'
import { checkTargetRules } from './check-target-rules.js'
import { findParentCycles } from './find-parent-cycles.js'
import { locate } from './parse-yaml-file.js'
import { didYouMean } from './suggest-closest.js'

export interface Declarations {
  readonly users: readonly Declared<DeclaredUser>[]
  readonly userGroups: readonly Declared<DeclaredUserGroup>[]
  readonly target: TargetType
  readonly load: LoadMode
  /** Ids of groups whose entries failed the schema: declared, though not usable. */
  readonly unreadableGroups: ReadonlySet<string>
  /** False when a groups file could not be read, so "not declared" cannot be told. */
  readonly allGroupsRead: boolean
}

/** The rules that span entries and files: unique ids, known groups, no cycles, fields the target uses. */
export function checkDeclarations(declarations: Declarations): Problem[] {
  const problems: Problem[] = []
  appendAll(problems, checkUniqueIds(declarations.users, 'user'))
  appendAll(problems, checkUniqueIds(declarations.userGroups, 'user group'))
  appendAll(problems, checkTargetRules(declarations))
  appendAll(problems, checkReferences(declarations))
  appendAll(problems, checkCycles(declarations.userGroups))
  return problems
}

function checkUniqueIds(declared: readonly Declared<DeclaredUser | DeclaredUserGroup>[], noun: string): Problem[] {
  // One set operation per entry tells that no id repeats, as in nearly every config; only then a map finds the first.
  const ids = new Set<string>()
  for (const item of declared) ids.add(item.entity.id)
  if (ids.size === declared.length) return []
  const firstSeen = new Map<string, Declared<DeclaredUser | DeclaredUserGroup>>()
  const problems: Problem[] = []
  for (const item of declared) {
    const first = firstSeen.get(item.entity.id)
    if (first === undefined) {
      firstSeen.set(item.entity.id, item)
      continue
    }
    const message = `${noun} ${q(item.entity.id)} is defined twice: first at ${formatPosition(first.entity.source)}, again here; keep one`
    problems.push({ ...item.entity.source, message })
  }
  return problems
}

function checkReferences({ users, userGroups, load, unreadableGroups, allGroupsRead }: Declarations): Problem[] {
  const checkUndeclared = load === 'full' && allGroupsRead
  const active = new Set<string>()
  const tombstoned = new Set<string>()
  for (const { entity } of userGroups) (entity.isActive ? active : tombstoned).add(entity.id)
  const problems: Problem[] = []
  const check = (
    item: Declared<DeclaredUser | DeclaredUserGroup>,
    listKey: string,
    refKey: string,
    refs: readonly string[],
    noun: string,
  ) => {
    if (!item.entity.isActive) return
    for (const ref of refs) {
      let reason: string | undefined
      if (tombstoned.size > 0 && tombstoned.has(ref))
        reason = `${noun} ${q(item.entity.id)} references group ${q(ref)}, which is marked is_active: false; remove the reference or keep the group`
      else if (checkUndeclared && !active.has(ref) && !unreadableGroups.has(ref))
        reason = `${noun} ${q(item.entity.id)} references group ${q(ref)}, which is not declared in any groups file${didYouMean(ref, active)}`
      if (reason === undefined) continue
      const raw = ((item.file.value as Record<string, Record<string, unknown>[]>)[listKey]?.[item.index]?.[refKey] ??
        []) as string[]
      problems.push({ ...locate(item.file, [listKey, item.index, refKey, raw.indexOf(ref)]), message: reason })
    }
  }
  for (const item of users) check(item, 'users', 'user_groups', item.entity.userGroups, 'user')
  for (const item of userGroups) {
    if (item.entity.parents.includes(item.entity.id)) {
      const raw =
        (item.file.value as { user_groups: { parent_user_groups: string[] }[] }).user_groups[item.index]
          ?.parent_user_groups ?? []
      const position = locate(item.file, ['user_groups', item.index, 'parent_user_groups', raw.indexOf(item.entity.id)])
      problems.push({
        ...position,
        message: `group ${q(item.entity.id)} lists itself as a parent; a group cannot be nested in itself`,
      })
    }
    const parents = item.entity.parents.filter((parent) => parent !== item.entity.id)
    check(item, 'user_groups', 'parent_user_groups', parents, 'group')
  }
  return problems
}

function checkCycles(userGroups: readonly Declared<DeclaredUserGroup>[]): Problem[] {
  const byId = new Map(userGroups.filter(({ entity }) => entity.isActive).map((item) => [item.entity.id, item]))
  const parentsOf = (id: string) =>
    (byId.get(id)?.entity.parents ?? []).filter((parent) => parent !== id && byId.has(parent))
  return findParentCycles([...byId.keys()], parentsOf).map((cycle) => {
    const first = byId.get(cycle[0]!)!
    const path = [...cycle, cycle[0]!].map(q).join(' → ')
    return {
      ...first.entity.source,
      message: `user groups form a parent cycle: ${path}; remove one of these parent links`,
    }
  })
}

function q(text: string): string {
  return JSON.stringify(text)
}
