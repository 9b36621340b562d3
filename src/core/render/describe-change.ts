import type { EntityKind } from '../model/actual-state.js'
import type { Change, UserFields, UserGroupFields } from '../model/change.js'
import type { ChangeCounts, FieldChange, IdNotice, Plan } from '../plan/plan.js'
import type { TargetProfile } from '../targets/target-profile.js'

export const KIND_NOUN: Record<EntityKind, string> = { user: 'user', userGroup: 'user group' }

/** The config-file names of what a create sets, in the target's field order, left out when absent or empty. */
export function createdFields(change: Change, profile: TargetProfile): [string, string][] {
  if (change.action !== 'create') return []
  if (change.kind === 'user') {
    const after: UserFields = change.after
    const out: [string, string][] = []
    for (const { key, config } of profile.userValueFields) {
      const value = after[key]
      if (value !== undefined) out.push([config, value])
    }
    if (after.userGroups.length > 0) out.push(['user_groups', after.userGroups.join(', ')])
    if (after.permissions?.length) out.push(['permissions', after.permissions.join(', ')])
    return out
  }
  const after: UserGroupFields = change.after
  const out: [string, string][] = [['user_group_name', after.name]]
  if (after.parents.length > 0) out.push(['parent_user_groups', after.parents.join(', ')])
  if (after.permissions?.length) out.push(['permissions', after.permissions.join(', ')])
  return out
}

/**
 * A change in words, ids shown by `show`: "delete user ann", "add user ann to user group g". The
 * words say what happens on the target, whatever the target's own API calls it.
 */
export function describeChange(change: Change, show: (id: string) => string, showGroup = show): string {
  if (change.action === 'add-member') return `add user ${show(change.id)} to user group ${showGroup(change.group)}`
  if (change.action === 'remove-member')
    return `remove user ${show(change.id)} from user group ${showGroup(change.group)}`
  const verb = change.action === 'permissions' ? 'set the permissions of' : change.action
  return `${verb} ${KIND_NOUN[change.kind]} ${(change.kind === 'userGroup' ? showGroup : show)(change.id)}`
}

/** Shows a group id with the name the target has for it, where its ids are opaque (the legacy platform): `"Analysts" (bJaCo…)`. */
export function groupShower(
  labels: Plan['groupLabels'],
  show: (id: string) => string,
  quote: (text: string) => string,
): (id: string) => string {
  if (!labels) return show
  return (id) => {
    const name = labels[id]
    return name === undefined ? show(id) : `${quote(name)} (${show(id)})`
  }
}

/** `+a +b −c` for a set field, or `"old" → "new"` for a value. */
export function describeFieldChange(field: FieldChange, quote: (text: string) => string): string {
  if (field.type === 'set')
    return [...field.added.map((id) => `+${quote(id)}`), ...field.removed.map((id) => `−${quote(id)}`)].join(' ')
  const side = (value: string | undefined) => (value === undefined ? '(none)' : quote(value))
  return `${side(field.before)} → ${side(field.after)}`
}

/** "3 to create, 1 to update, 2 to delete" (parts with zero left out), or "no changes". */
export function describeCounts(counts: ChangeCounts): string {
  const parts = [
    [counts.create, 'to create'],
    [counts.update, 'to update'],
    [counts.delete, 'to delete'],
  ].filter(([n]) => (n as number) > 0)
  return parts.length === 0 ? 'no changes' : parts.map(([n, text]) => `${n} ${text}`).join(', ')
}

/** Totals across both kinds. */
export function totalCounts(plan: Plan): ChangeCounts {
  const { users, userGroups } = plan.summary
  return {
    create: users.create + userGroups.create,
    update: users.update + userGroups.update,
    delete: users.delete + userGroups.delete,
  }
}

/** `user "ann" in users.yaml is "ann_2" on Opendatasoft (the same email): write user_id: ann_2`, ids shown by `show`. */
export function describeIdNotice(notice: IdNotice, profile: TargetProfile, show: (id: string) => string): string {
  const key = notice.kind === 'user' ? 'user_id' : 'user_group_id'
  return `${KIND_NOUN[notice.kind]} ${show(notice.declared)} is ${show(notice.live)} on ${profile.name} (the same ${notice.by}); the plan treats it as that one: write ${key}: ${show(notice.live)}`
}

/** A group chain as people read it: `a → b → c`, and past six groups `a → b → … (94 more) → y → z`. */
export function showChain(via: readonly string[], show: (id: string) => string): string {
  if (via.length <= 6) return via.map(show).join(' → ')
  return [...via.slice(0, 2).map(show), `… (${via.length - 4} more)`, ...via.slice(-2).map(show)].join(' → ')
}

/** What a protection kept the plan from doing, as a verb: "delete", "set the permissions of". */
export function describeWouldHave(action: Change['action']): string {
  return action === 'permissions' ? 'set its permissions' : action
}
