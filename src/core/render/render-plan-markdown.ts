import type { TargetProfile } from '../targets/target-profile.js'
import { changeEffect, type Change } from '../model/change.js'
import { changeDigest } from '../plan/plan-hash.js'
import type { PermissionStep, Plan, PlannedChange } from '../plan/plan.js'
import {
  createdFields,
  describeCounts,
  describeIdNotice,
  groupShower,
  describeFieldChange,
  KIND_NOUN,
  totalCounts,
} from './describe-change.js'
import { codeMarkdown, escapeMarkdown, hiddenMarker } from './escape-markdown.js'

export interface MarkdownContext {
  readonly config: string
  readonly host: string
  /** The pull request's head commit the plan was made for; apply trusts a review only of that commit. */
  readonly head?: string
  /** The pull request moves provisioning to another target: the plan ran against `from`, the merge applies to `to`. */
  readonly moved?: { readonly from: string; readonly to: string }
}

/** GitHub refuses comments over 65,536 characters; stay well under. */
export const COMMENT_LIMIT = 60_000
/** Up to this many changes, the marker lists each one's digest, so apply can tell which were reviewed. */
export const MAX_MARKED_CHANGES = 1_500
const ROW_BUDGETS = [Infinity, 1_000, 300, 100, 30, 0]
const ICON = { create: '➕', update: '✏️', delete: '➖' } as const

/**
 * The PR comment: every change when it fits. When not, creates, updates and details go first;
 * what takes access away (deletions, disables, removals from groups) is listed as long as any of
 * it fits, and what does not is counted exactly.
 */
export function renderPlanComment(plan: Plan, context: MarkdownContext, limit = COMMENT_LIMIT): string {
  for (const rows of ROW_BUDGETS) {
    const body = renderPlanMarkdown(plan, context, { maxRows: rows })
    if (body.length <= limit) return body
  }
  // Then the marker's per-change digests (apply then compares the plan's hash alone), then the removals themselves.
  for (const removals of [Infinity, ...ROW_BUDGETS.slice(1)]) {
    const body = renderPlanMarkdown(plan, context, { maxRows: 0, maxRemovals: removals, digests: false })
    if (body.length <= limit) return body
  }
  const head = renderPlanMarkdown(plan, context, { maxRows: 0, maxRemovals: 0, digests: false })
  const note = '\n\n… truncated: the full plan is in the job summary.\n'
  return `${head.slice(0, limit - note.length)}${note}`
}

/** The plan as Markdown; the job summary uses it whole, the comment with a row budget. */
export function renderPlanMarkdown(
  plan: Plan,
  context: MarkdownContext,
  options: { maxRows?: number; maxRemovals?: number; digests?: boolean } = {},
): string {
  const maxRows = options.maxRows ?? Infinity
  let removalRoom = options.maxRemovals ?? Infinity
  const { users, userGroups } = plan.summary
  const out = [
    planMarker(plan, context, options.digests ?? true),
    `### User provisioning plan: ${codeMarkdown(context.config)} → ${escapeMarkdown(context.host)}`,
    '',
    ...describeMove(context),
    '| | create | update | delete |',
    '|---|---:|---:|---:|',
    `| users | ${users.create} | ${users.update} | ${users.delete} |`,
    `| user groups | ${userGroups.create} | ${userGroups.update} | ${userGroups.delete} |`,
    '',
  ]
  if (plan.blocked) {
    out.push('> [!CAUTION]', '> **Blocked.** This plan will not be applied unless it is explicitly allowed:')
    for (const reason of plan.blockedReasons) out.push(`> - ${escapeMarkdown(reason)}`)
    out.push('')
  }
  const deletions = plan.summary.users.delete + plan.summary.userGroups.delete
  if (deletions > 0) {
    const note =
      plan.profile.userDeletionNote && users.delete > 0
        ? ` On ${plan.profile.name}, ${escapeMarkdown(plan.profile.userDeletionNote)}.`
        : ''
    const removed = plan.changes
      .filter(({ change }) => changeEffect(change) === 'delete')
      .map(({ change }) => codeMarkdown(change.id))
    const named = removed.length <= 10 ? `: ${removed.join(', ')}` : `, among them ${removed.slice(0, 10).join(', ')}`
    out.push(
      `> [!WARNING]`,
      `> This plan **deletes ${deletions}** ${deletions === 1 ? 'entry' : 'entries'}${named}.${note}`,
      '',
    )
  }
  if (plan.creationNote)
    out.push('> [!NOTE]', `> On ${escapeMarkdown(plan.profile.name)}, ${escapeMarkdown(plan.creationNote)}.`, '')
  if (plan.idNotices.length > 0) {
    out.push('> [!NOTE]', '> Ids in the config that differ on the target:')
    for (const notice of plan.idNotices)
      out.push(
        `> - ${escapeMarkdown(`${notice.source.file}:${notice.source.line}`)}: ${describeIdNotice(notice, plan.profile, codeMarkdown)}`,
      )
    out.push('')
  }
  let shownRows = 0
  let hiddenRows = 0
  for (const kind of ['userGroup', 'user'] as const) {
    const items = plan.changes.filter(({ change }) => change.kind === kind)
    if (items.length === 0) continue
    // What takes access away comes first, open, and outside the row budget: a reviewer must see it.
    const removals = items.filter(({ change }) => takesAway(change))
    const others = items.filter(({ change }) => !takesAway(change))
    const shownRemovals = removals.slice(0, removalRoom)
    removalRoom -= shownRemovals.length
    const shown = others.slice(0, Math.max(0, maxRows - shownRows))
    shownRows += shown.length
    hiddenRows += others.length - shown.length
    const open = shownRemovals.length > 0 || (shown.length > 0 && maxRows === Infinity && items.length <= 50)
    out.push(
      `<details${open ? ' open' : ''}><summary>${kind === 'user' ? 'Users' : 'User groups'}: ${describeCounts(kind === 'user' ? users : userGroups)}</summary>`,
      '',
    )
    if (shownRemovals.length + shown.length > 0) {
      out.push(`| | ${KIND_NOUN[kind]} | change |`, '|---|---|---|')
      for (const item of [...shownRemovals, ...shown])
        out.push(changeRow(item, plan.profile, groupShower(plan.groupLabels, codeMarkdown, codeMarkdown)))
    }
    if (shownRemovals.length < removals.length)
      out.push(
        '',
        `… **${removals.length - shownRemovals.length} more that take access away (deletions, disables, removals from groups) not listed here**; the full plan is in the job summary.`,
      )
    if (shown.length < others.length)
      out.push('', `… ${others.length - shown.length} more not shown here; the full plan is in the job summary.`)
    out.push('', '</details>', '')
  }
  if (plan.effectiveAccess.length > 0) {
    const room = Math.max(0, maxRows - shownRows)
    const shown = plan.effectiveAccess.slice(0, room)
    const what = plan.profile.permissions ? 'groups or permissions' : 'groups'
    const showGroup = groupShower(plan.groupLabels, codeMarkdown, codeMarkdown)
    out.push(
      `<details><summary>Effective access: ${plan.effectiveAccess.length} ${plan.effectiveAccess.length === 1 ? 'user gains or loses' : 'users gain or lose'} ${what}</summary>`,
      '',
    )
    for (const { userId, gained, lost, permissions } of shown) {
      const step = (sign: string, { group, via }: { group: string; via: readonly string[] }) =>
        `${sign}${showGroup(group)}${via.length > 0 ? ` via ${via.map(showGroup).join(' → ')}` : ''}`
      const grant = (sign: string, { permission, via }: PermissionStep) =>
        `${sign}permission ${codeMarkdown(permission)}${via === undefined ? '' : ` via ${codeMarkdown(via)}`}`
      const granted = permissions
        ? [...permissions.gained.map((s) => grant('gains ', s)), ...permissions.lost.map((s) => grant('loses ', s))]
        : []
      out.push(
        `- ${codeMarkdown(userId)}: ${[...gained.map((s) => step('gains ', s)), ...lost.map((s) => step('loses ', s)), ...granted].join(', ')}`,
      )
    }
    if (shown.length < plan.effectiveAccess.length)
      out.push(
        '',
        `… ${plan.effectiveAccess.length - shown.length} more users not shown here; the full plan is in the job summary.`,
      )
    out.push('', '</details>', '')
  }
  if (plan.skipped.length > 0) {
    const shown = plan.skipped.slice(0, Math.max(0, maxRows - shownRows))
    out.push(`<details><summary>Left alone: ${plan.skipped.length} protected or unmanaged</summary>`, '')
    const showGroup = groupShower(plan.groupLabels, codeMarkdown, codeMarkdown)
    for (const skip of shown)
      out.push(
        `- ${KIND_NOUN[skip.kind]} ${(skip.kind === 'userGroup' ? showGroup : codeMarkdown)(skip.id)} (would ${skip.wouldHave}): ${escapeMarkdown(skip.reason)}`,
      )
    if (shown.length < plan.skipped.length) out.push('', `… ${plan.skipped.length - shown.length} more not shown here.`)
    out.push('', '</details>', '')
  }
  if (plan.changes.length === 0) out.push('No changes: the platform matches the config.', '')
  const totals = describeCounts(totalCounts(plan))
  out.push(
    `<sub>${plan.load} load · ${totals} · ${plan.unchanged.users + plan.unchanged.userGroups} unchanged · plan hash <code>${plan.hash.slice(0, 12)}</code>${hiddenRows > 0 ? ` · ${hiddenRows} rows collapsed` : ''}</sub>`,
  )
  return `${out.join('\n')}\n`
}

/** The marker: which config and host this plan is for, its hash, and the reviewed changes' digests. */
function planMarker(plan: Plan, context: MarkdownContext, withDigests: boolean): string {
  const digests =
    withDigests && plan.changes.length <= MAX_MARKED_CHANGES
      ? { changes: plan.changes.map(({ change }) => changeDigest(change)).join(' ') }
      : {}
  return hiddenMarker({
    config: context.config,
    host: context.host,
    ...(context.head ? { head: context.head } : {}),
    hash: plan.hash,
    ...digests,
  })
}

/** The notice a reviewer must not miss when the pull request changes where provisioning goes. */
function describeMove(context: { readonly moved?: MarkdownContext['moved'] }): string[] {
  if (!context.moved) return []
  const { from, to } = context.moved
  return [
    '> [!CAUTION]',
    `> **This pull request moves provisioning** from ${codeMarkdown(from)} to ${codeMarkdown(to)}.`,
    `> This plan was made against ${codeMarkdown(from)}, the target of the base branch: a pull request cannot choose where the token is sent. After the merge, apply will run against ${codeMarkdown(to)}.`,
    '',
  ]
}

function changeRow({ change, fields }: PlannedChange, profile: TargetProfile, group: (id: string) => string): string {
  const id = change.kind === 'userGroup' ? group(change.id) : codeMarkdown(change.id)
  if (change.action === 'create') {
    const set = createdFields(change, profile)
      .map(([field, value]) => `${field}: ${escapeMarkdown(value)}`)
      .join('<br>')
    return `| ${ICON.create} | ${id} | create${set ? `<br>${set}` : ''} |`
  }
  if (change.action === 'delete') return `| ${ICON.delete} | ${id} | **delete** |`
  if (change.action === 'disable') return `| ${ICON.delete} | ${id} | **disable** |`
  if (change.action === 'enable') return `| ${ICON.update} | ${id} | enable |`
  if (change.action === 'add-member') return `| ${ICON.update} | ${id} | join ${group(change.group)} |`
  if (change.action === 'remove-member') return `| ${ICON.update} | ${id} | **leave** ${group(change.group)} |`
  const described = fields.map((field) => `${field.field}: ${describeFieldChange(field, codeMarkdown)}`).join('<br>')
  return `| ${ICON.update} | ${id} | ${described} |`
}

/** Whether a change takes access away: a deletion or disable, or a user leaving a group. */
function takesAway(change: Change): boolean {
  return changeEffect(change) === 'delete' || change.action === 'remove-member'
}
