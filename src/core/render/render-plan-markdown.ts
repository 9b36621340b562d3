import { changeEffect, type Change } from '../model/change.js'
import { changeDigest } from '../plan/plan-hash.js'
import type { Plan, PlannedChange } from '../plan/plan.js'
import { describeCounts, describeIdNotice, groupShower, totalCounts } from './describe-change.js'
import { codeMarkdown, escapeMarkdown, hiddenMarker } from './escape-markdown.js'
import { countOf, oneOrMany } from './plural.js'
import { renderChangeRow, renderKindSection, type GroupShowers } from './render-change-table.js'
import { describePermissionsLeftAlone, managementLosses, revokedCount } from './describe-permissions.js'
import { renderEffectiveAccess, renderSkipped } from './render-plan-details.js'

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

/**
 * The PR comment: every change, one line each, when it fits. When not, creates go first, then
 * updates and details; what takes access away (deletions, disables, removals from groups) is listed as long as any of
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
      `> This plan **deletes ${deletions}** ${oneOrMany(deletions, 'entry', 'entries')}${named}.${note}`,
      '',
    )
  }
  out.push(...describeManagementLosses(plan))
  const leftAlone = describePermissionsLeftAlone(plan)
  if (leftAlone) out.push('> [!NOTE]', `> ${escapeMarkdown(leftAlone)}.`, '')
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
  const row = rowRenderer(plan)
  // Within the row budget, creates are cut before updates: an update changes what someone already has.
  const others = plan.changes.filter(({ change }) => !takesAway(change))
  const kept = new Set([...others.filter((item) => !isCreate(item)), ...others.filter(isCreate)].slice(0, maxRows))
  for (const kind of ['userGroup', 'user'] as const) {
    const items = plan.changes.filter(({ change }) => change.kind === kind)
    if (items.length === 0) continue
    // What takes access away comes first, open, and outside the row budget: a reviewer must see it.
    const removals = items.filter(({ change }) => takesAway(change))
    const shownRemovals = removals.slice(0, removalRoom)
    removalRoom -= shownRemovals.length
    const updates = items.filter((item) => !takesAway(item.change) && !isCreate(item))
    const creates = items.filter(isCreate)
    const section = {
      kind,
      counts: plan.summary[kind === 'user' ? 'users' : 'userGroups'],
      removals: shownRemovals,
      unlistedRemovals: removals.length - shownRemovals.length,
      updates: updates.filter((item) => kept.has(item)),
      creates: creates.filter((item) => kept.has(item)),
      hidden: {
        create: creates.filter((item) => !kept.has(item)).length,
        update: updates.filter((item) => !kept.has(item)).length,
        delete: 0,
      },
      totals: { updates: updates.length, updatesAndCreates: updates.length + creates.length },
    }
    out.push(...renderKindSection(section, row))
  }
  const room = Math.max(0, maxRows - kept.size)
  out.push(...renderEffectiveAccess(plan, room), ...renderSkipped(plan, room))
  if (plan.changes.length === 0) out.push('No changes: the platform matches the config.', '')
  const totals = describeCounts(totalCounts(plan))
  out.push(
    `<sub>${plan.load} load · ${totals} · ${plan.unchanged.users + plan.unchanged.userGroups} unchanged · plan hash <code>${plan.hash.slice(0, 12)}</code>${others.length > kept.size ? ` · ${countOf(others.length - kept.size, 'row')} not shown` : ''}</sub>`,
  )
  return `${out.join('\n')}\n`
}

/** Each plan's change rows, rendered once: the job summary and every budget the comment tries list the same rows. */
const RENDERED_ROWS = new WeakMap<Plan, Map<PlannedChange, string>>()

function rowRenderer(plan: Plan): (item: PlannedChange) => string {
  const known = RENDERED_ROWS.get(plan) ?? new Map<PlannedChange, string>()
  RENDERED_ROWS.set(plan, known)
  const group: GroupShowers = {
    code: groupShower(plan.groupLabels, codeMarkdown, codeMarkdown),
    text: groupShower(plan.groupLabels, escapeMarkdown, escapeMarkdown),
  }
  return (item) => {
    const row = known.get(item) ?? renderChangeRow(item, plan.profile, group)
    known.set(item, row)
    return row
  }
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

/** Who loses MANAGE, said before anything else: it can take away a team's control of its own workspace. */
function describeManagementLosses(plan: Plan): string[] {
  const losses = managementLosses(plan, codeMarkdown)
  if (losses.length === 0) return []
  const shown = losses.slice(0, 10)
  const more = losses.length > shown.length ? `; and ${losses.length - shown.length} more in the job summary` : ''
  return [
    '> [!CAUTION]',
    `> **This plan takes MANAGE away** (${countOf(losses.length, 'loss', 'losses')}): ${shown.join('; ')}${more}.`,
    '',
  ]
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

/** Whether a change takes access away: a deletion or disable, a user leaving a group, a permission revoked. */
function takesAway(change: Change): boolean {
  if (change.action === 'permissions') return revokedCount(change) > 0
  return changeEffect(change) === 'delete' || change.action === 'remove-member'
}

function isCreate({ change }: PlannedChange): boolean {
  return change.action === 'create'
}
