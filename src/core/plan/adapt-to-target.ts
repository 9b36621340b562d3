import type { Change } from '../model/change.js'
import type { TargetCapabilities } from '../targets/target-profile.js'
import type { FieldChange } from './plan.js'

interface Item {
  readonly change: Change
  readonly fields: readonly FieldChange[]
}

/**
 * The plan's changes as the target carries them out. The planner thinks in whole entities; a target
 * that removes users by disabling them gets `disable` for `delete` (a user disabled already needs
 * nothing), and one where membership is its own resource gets the user's own fields as one change
 * and each group joined or left as an `add-member` or `remove-member`.
 */
export function adaptToTarget(items: readonly Item[], capabilities: TargetCapabilities): Item[] {
  const out: Item[] = []
  for (const item of items) {
    const { change } = item
    if (change.kind !== 'user') {
      out.push(item)
    } else if (change.action === 'delete' && capabilities.userRemoval === 'disable') {
      if (!change.before.disabled)
        out.push({ change: { action: 'disable', kind: 'user', id: change.id, before: change.before }, fields: [] })
    } else if ((change.action === 'create' || change.action === 'update') && capabilities.membership === 'resource') {
      out.push(...splitMemberships(change, item.fields))
    } else {
      out.push(item)
    }
  }
  return out
}

/** A user's own change, then one change per group joined or left. */
function splitMemberships(
  change: Extract<Change, { kind: 'user'; action: 'create' | 'update' }>,
  fields: readonly FieldChange[],
): Item[] {
  const before = change.action === 'update' ? change.before.userGroups : []
  const had = new Set(before)
  const has = new Set(change.after.userGroups)
  const out: Item[] = []
  const ownFields = fields.filter((field) => field.field !== 'user_groups')
  // The user's own change keeps the groups it had, so writing it touches no membership.
  const after = { ...change.after, userGroups: before }
  if (change.action === 'create') out.push({ change: { ...change, after }, fields: [] })
  else if (ownFields.length > 0) out.push({ change: { ...change, after }, fields: ownFields })
  for (const group of change.after.userGroups)
    if (!had.has(group)) out.push({ change: { action: 'add-member', kind: 'user', id: change.id, group }, fields: [] })
  for (const group of before)
    if (!has.has(group))
      out.push({ change: { action: 'remove-member', kind: 'user', id: change.id, group }, fields: [] })
  return out
}
