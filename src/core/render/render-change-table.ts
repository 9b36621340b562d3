import type { Change } from '../model/change.js'
import type { EntityKind } from '../model/actual-state.js'
import type { ChangeCounts, PlannedChange } from '../plan/plan.js'
import type { TargetProfile } from '../targets/target-profile.js'
import { describeCounts, describeFieldChange, KIND_NOUN } from './describe-change.js'
import { describePermissionChanges, revokedCount } from './describe-permissions.js'
import { codeMarkdown, escapeMarkdown } from './escape-markdown.js'
import { oneOrMany } from './plural.js'

const ICON = { create: '➕', update: '✏️', delete: '➖' } as const
/** Up to this many updates, or updates and creates together, of one kind show open; more fold under their own summary. */
const OPEN_ROWS = 50

/** One kind's changes as the comment shows them: what its row budget kept, and what it could not list. */
export interface KindSection {
  readonly kind: EntityKind
  readonly counts: ChangeCounts
  readonly removals: readonly PlannedChange[]
  /** Removals the budget had no room for: counted, never silently dropped. */
  readonly unlistedRemovals: number
  readonly updates: readonly PlannedChange[]
  readonly creates: readonly PlannedChange[]
  /** Creates and updates the budget cut. */
  readonly hidden: ChangeCounts
  /** All of the kind's updates, and its updates and creates together, shown or not: what decides what is open. */
  readonly totals: { readonly updates: number; readonly updatesAndCreates: number }
}

/**
 * A kind's section: what takes access away first and always open, then updates, then creates, one
 * row each. Many updates or creates fold into a collapsed table of their own, so a large plan keeps
 * its removals and a short page.
 */
export function renderKindSection(section: KindSection, renderRow: (item: PlannedChange) => string): string[] {
  const { kind, removals, updates, creates, totals } = section
  const updatesOpen = totals.updates <= OPEN_ROWS
  const createsOpen = totals.updatesAndCreates <= OPEN_ROWS
  const open = [...removals, ...(updatesOpen ? updates : []), ...(createsOpen ? creates : [])]
  const folded = [...(updatesOpen ? [] : updates), ...(createsOpen ? [] : creates)]
  const table = (rows: readonly PlannedChange[]) =>
    rows.length === 0 ? [] : [`| | ${KIND_NOUN[kind]} | change |`, '|---|---|---|', ...rows.map(renderRow)]
  // Open when it lists anything open, or counts removals it had no room for: those a reviewer must see.
  const sectionOpen = open.length + section.unlistedRemovals > 0
  const title = `${kind === 'user' ? 'Users' : 'User groups'}: ${describeCounts(section.counts)}`
  const out = [`<details${sectionOpen ? ' open' : ''}><summary>${title}</summary>`, '']
  out.push(...table(sectionOpen ? open : folded))
  if (section.unlistedRemovals > 0)
    out.push(
      '',
      `… **${section.unlistedRemovals} more that ${oneOrMany(section.unlistedRemovals, 'takes', 'take')} access away (deletions, disables, removals from groups, revoked permissions) not listed here**; the full plan is in the job summary.`,
    )
  const hidden = section.hidden.create + section.hidden.update
  const cut =
    hidden > 0
      ? [
          '',
          `… ${hidden} more not shown here (${describeCounts(section.hidden)}); the full plan is in the job summary.`,
        ]
      : []
  if (sectionOpen && folded.length > 0) {
    // The fold's summary counts what it lists and what the budget cut from it alike.
    const foldedCounts = {
      create: (createsOpen ? 0 : creates.length) + section.hidden.create,
      update: (updatesOpen ? 0 : updates.length) + section.hidden.update,
      delete: 0,
    }
    const summary = `<details><summary>${describeCounts(foldedCounts)}</summary>`
    out.push('', summary, '', ...table(folded), ...cut, '', '</details>')
  } else out.push(...cut)
  out.push('', '</details>', '')
  return out
}

/** How a row shows a group id: as code where it names what changes, as text in what a create sets. */
export interface GroupShowers {
  readonly code: (id: string) => string
  readonly text: (id: string) => string
}

/**
 * One change as one table row of the plan comment, on one line whatever it sets:
 * `| ➕ | <code>ana</code> | Ana Lopez <ana@example.com>; user_groups: analysts |`, or for an update
 * `| ✏️ | <code>ana</code> | email: <code>a@old</code> → <code>a@new</code>; user_groups: +<code>analysts</code> |`.
 */
export function renderChangeRow(
  { change, fields }: PlannedChange,
  profile: TargetProfile,
  group: GroupShowers,
): string {
  const id = change.kind === 'userGroup' ? group.code(change.id) : codeMarkdown(change.id)
  const row = (icon: string, what: string) => `| ${icon} | ${id} | ${what} |`
  if (change.action === 'create') return row(ICON.create, describeCreate(change, profile, group.text) || 'create')
  if (change.action === 'delete' || change.action === 'disable') return row(ICON.delete, `**${change.action}**`)
  if (change.action === 'enable') return row(ICON.update, 'enable')
  if (change.action === 'add-member') return row(ICON.update, `join ${group.code(change.group)}`)
  if (change.action === 'remove-member') return row(ICON.update, `**leave** ${group.code(change.group)}`)
  if (change.action === 'permissions')
    return row(
      revokedCount(change) > 0 ? ICON.delete : ICON.update,
      describePermissionChanges(change, codeMarkdown).join('; '),
    )
  return row(
    ICON.update,
    fields.map((field) => `${field.field}: ${describeFieldChange(field, codeMarkdown)}`).join('; '),
  )
}

/**
 * What a create sets, in the target's field order, as text: a user's name and email as an address
 * (`Ana Lopez <ana@example.com>`), a group's name, then the other fields by their config names.
 */
function describeCreate(
  change: Extract<Change, { action: 'create' }>,
  profile: TargetProfile,
  showGroup: (id: string) => string,
): string {
  const list = (ids: readonly string[], show: (id: string) => string) => ids.map(show).join(', ')
  const parts: string[] = []
  if (change.kind === 'user') {
    const { firstname, lastname, email, userGroups, permissions } = change.after
    const name = [firstname, lastname].filter((part) => part !== undefined).join(' ')
    const address = [name, email === undefined ? '' : `<${email}>`].filter((part) => part !== '').join(' ')
    if (address) parts.push(escapeMarkdown(address))
    for (const { key, config } of profile.userValueFields) {
      const value = change.after[key]
      if (value !== undefined && key !== 'firstname' && key !== 'lastname' && key !== 'email')
        parts.push(`${config}: ${escapeMarkdown(value)}`)
    }
    if (userGroups.length > 0) parts.push(`user_groups: ${list(userGroups, showGroup)}`)
    if (permissions?.length) parts.push(`permissions: ${list(permissions, escapeMarkdown)}`)
    return parts.join('; ')
  }
  const { name, parents, permissions } = change.after
  parts.push(escapeMarkdown(name))
  if (parents.length > 0) parts.push(`parent_user_groups: ${list(parents, showGroup)}`)
  if (permissions?.length) parts.push(`permissions: ${list(permissions, escapeMarkdown)}`)
  return parts.join('; ')
}
