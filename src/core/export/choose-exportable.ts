import type { ActualState, ActualUser, ActualUserGroup } from '../model/actual-state.js'
import { findParentCycles } from '../config/find-parent-cycles.js'
import type { TargetProfile } from '../targets/target-profile.js'

/** An entity the export cannot declare, and why; it is written as a comment and left unmanaged. */
export interface Excluded {
  readonly kind: 'user' | 'userGroup'
  readonly id: string
  readonly reason: string
}

const ID = /^(?!\.)[.A-Za-z0-9_-]{1,255}$/
/** users.schema.json's user id: the common rule with @ and + for logins; a target's own rule may be narrower. */
const USER_ID = /^(?!\.)[.A-Za-z0-9_@+-]{1,255}$/
/** The schema's email format (ajv-formats' "email"), so an export never writes what validate rejects. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i

/**
 * Splits the organization into what the config can declare as it is and what it cannot: ids or
 * values the schema rejects, parent cycles made outside the config, and everything that depends
 * on an excluded group (its child groups, its members).
 */
export function chooseExportable(
  actual: ActualState,
  profile: TargetProfile,
): { users: ActualUser[]; userGroups: ActualUserGroup[]; excluded: Excluded[] } {
  const excluded = new Map<string, Excluded>()
  const exclude = (kind: Excluded['kind'], id: string, reason: string) => {
    if (!excluded.has(`${kind}:${id}`)) excluded.set(`${kind}:${id}`, { kind, id, reason })
  }
  for (const group of actual.userGroups) {
    const problem = idProblem(group.id, ID) ?? valueProblem('name', group.name)
    if (problem) exclude('userGroup', group.id, problem)
  }
  const known = new Set(actual.userGroups.map((group) => group.id))
  const byId = new Map(actual.userGroups.map((group) => [group.id, group]))
  for (const cycle of findParentCycles([...known], (id) =>
    (byId.get(id)?.parents ?? []).filter((parent) => known.has(parent)),
  )) {
    for (const id of cycle) exclude('userGroup', id, `its parents form a cycle (${[...cycle, cycle[0]].join(' → ')})`)
  }
  for (const group of actual.userGroups)
    if (group.parents.includes(group.id)) exclude('userGroup', group.id, 'it is its own parent')
  // A group whose parent is excluded cannot be declared either; repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false
    for (const group of actual.userGroups) {
      const parent = group.parents.find((id) => excluded.has(`userGroup:${id}`) || !known.has(id))
      if (parent !== undefined && !excluded.has(`userGroup:${group.id}`)) {
        exclude(
          'userGroup',
          group.id,
          known.has(parent)
            ? `its parent ${JSON.stringify(parent)} cannot be managed`
            : `its parent ${JSON.stringify(parent)} does not exist`,
        )
        changed = true
      }
    }
  }
  for (const user of actual.users) {
    const problem =
      idProblem(user.id, USER_ID) ??
      (profile.userIdRule && !profile.userIdRule.pattern.test(user.id)
        ? `its id ${JSON.stringify(user.id)} is not one the config accepts (${profile.userIdRule.says})`
        : undefined) ??
      firstProblem(profile.userValueFields, ({ key, config }) => valueProblem(config, user[key])) ??
      (user.email !== undefined && !EMAIL.test(user.email)
        ? `its email ${JSON.stringify(user.email)} is not an address the config accepts`
        : undefined)
    const group = user.userGroups.find((id) => excluded.has(`userGroup:${id}`) || !known.has(id))
    const reason =
      problem ??
      (group === undefined ? undefined : `it is a member of ${JSON.stringify(group)}, which cannot be managed`)
    if (reason) exclude('user', user.id, reason)
  }
  return {
    users: actual.users.filter((user) => !excluded.has(`user:${user.id}`)),
    userGroups: actual.userGroups.filter((group) => !excluded.has(`userGroup:${group.id}`)),
    excluded: [...excluded.values()].sort((a, b) =>
      a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : 1,
    ),
  }
}

/**
 * A glob that matches an id the config cannot name: each character outside the id alphabet
 * becomes `?`, and an over-long id ends in `*`. It may match a few more ids; never fewer.
 */
export function patternFor(id: string): string {
  const safe = [...id].map((char) => (/[.A-Za-z0-9_-]/.test(char) ? char : '?')).join('')
  return safe.length > 255 ? `${safe.slice(0, 254)}*` : safe
}

function idProblem(id: string, rule: RegExp): string | undefined {
  return rule.test(id)
    ? undefined
    : `its id ${JSON.stringify(id)} is not one the config accepts (1 to 255 of A-Z a-z 0-9 . _ -, not starting with ".")`
}

function valueProblem(field: string, value: string | undefined): string | undefined {
  return value !== undefined && value.length > 255
    ? `its ${field} is ${value.length} characters long; the config allows 255`
    : undefined
}

function firstProblem<T>(items: readonly T[], problemOf: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const problem = problemOf(item)
    if (problem !== undefined) return problem
  }
  return undefined
}
