import type { EntityKind } from '../model/actual-state.js'
import type { Change } from '../model/change.js'
import { changeKey } from '../plan/plan.js'
import { describeChange } from './describe-change.js'
import { showId } from './inert-text.js'
import { codeMarkdown, escapeMarkdown } from './escape-markdown.js'
import { countOf, oneOrMany } from './plural.js'

/** What happened to one change, as the executor's journal records it. */
export type ApplyEntry =
  | {
      readonly change: Change
      readonly outcome: 'applied' | 'already-applied'
      /** The id the server gave what this change created, where it is not the one declared (Opendatasoft). */
      readonly assignedId?: string
    }
  | {
      readonly change: Change
      readonly outcome: 'failed'
      readonly error: string
      readonly status?: number
      readonly traceId?: string
      /** An attempt got no answer, or it was retried: the change may have taken effect; the next plan tells. */
      readonly mayHaveApplied: boolean
    }
  | { readonly change: Change; readonly outcome: 'skipped'; readonly because: readonly string[] }

export interface ApplyCounts {
  readonly applied: number
  readonly failed: number
  readonly skipped: number
}

/** "Applied 10 of 12 changes; 1 failed; 1 skipped." with what to do next. */
export function describeApplyOutcome(counts: ApplyCounts, total: number): string {
  const parts = [`applied ${counts.applied} of ${countOf(total, 'change')}`]
  if (counts.failed > 0) parts.push(`${counts.failed} failed`)
  if (counts.skipped > 0)
    parts.push(
      `${counts.skipped} skipped because a change ${oneOrMany(counts.skipped, 'it depends', 'they depend')} on failed`,
    )
  const next =
    counts.failed + counts.skipped > 0 ? '; what succeeded is kept, and running apply again retries the rest' : ''
  return `${parts.join('; ')}${next}`
}

/** The journal for a terminal: failures and skips in full, successes one line each. */
export function renderApplyText(journal: readonly ApplyEntry[], counts: ApplyCounts): string {
  const lines = journal.map((entry) => {
    const what = describeChange(entry.change, showId)
    if (entry.outcome === 'failed')
      return `  ✗ ${what}: ${entry.error}${entry.mayHaveApplied ? ' (it may have taken effect; the next plan shows)' : ''}`
    if (entry.outcome === 'skipped') return `  ↷ ${what}: skipped, it waits for ${waitsFor(entry, journal, showId)}`
    return `  ✓ ${what}${entry.outcome === 'already-applied' ? ' (already so)' : ''}${entry.assignedId === undefined ? '' : `: ${assignedText(entry.change, entry.assignedId, showId)}`}`
  })
  const outcome = describeApplyOutcome(counts, journal.length)
  return `${[...lines, '', `Apply: ${outcome}.`].join('\n')}\n`
}

/**
 * The journal as Markdown, outcome first, for the job summary: a heading that says whether it all
 * went through, then what failed or was skipped (open, in words), then every change (collapsed).
 */
export function renderApplyMarkdown(
  journal: readonly ApplyEntry[],
  counts: ApplyCounts,
  where?: { readonly config: string; readonly host: string },
): string {
  const failedFirst = [...journal].sort((a, b) => rank(a) - rank(b))
  const troubled = counts.failed + counts.skipped > 0
  const title = where ? `${codeMarkdown(where.config)} → ${escapeMarkdown(where.host)}` : 'user provisioning'
  const heading = `### ${troubled ? '❌ Partly applied' : '✅ Applied'}: ${title}`
  const out = [heading, '', `**Apply:** ${escapeMarkdown(describeApplyOutcome(counts, journal.length))}.`, '']
  const problems = failedFirst.filter((entry) => entry.outcome === 'failed' || entry.outcome === 'skipped')
  if (problems.length > 0) {
    out.push('| change | what happened |', '|---|---|')
    for (const entry of problems)
      out.push(`| ${describeChange(entry.change, codeMarkdown)} | ${describeProblem(entry, journal)} |`)
    out.push('')
  }
  if (journal.length > 0) {
    out.push('<details><summary>Journal: every change</summary>', '', '| outcome | change | detail |', '|---|---|---|')
    for (const entry of failedFirst) {
      const what = describeChange(entry.change, codeMarkdown)
      const detail =
        entry.outcome === 'failed'
          ? `${escapeMarkdown(entry.error)}${entry.mayHaveApplied ? ' (it may have taken effect; the next plan shows)' : ''}`
          : entry.outcome === 'skipped'
            ? `waits for ${entry.because.map(codeMarkdown).join(', ')}`
            : [
                entry.outcome === 'already-applied' ? 'already so' : '',
                entry.assignedId === undefined ? '' : assignedText(entry.change, entry.assignedId, codeMarkdown),
              ]
                .filter(Boolean)
                .join('; ')
      out.push(
        `| ${{ applied: '✅', 'already-applied': '✅', failed: '❌', skipped: '⏭️' }[entry.outcome]} ${entry.outcome} | ${what} | ${detail} |`,
      )
    }
    out.push('', '</details>')
  }
  return `${out.join('\n')}\n`
}

/** The journal as JSON entries. */
export function applyToJson(journal: readonly ApplyEntry[], counts: ApplyCounts) {
  const kind = (value: EntityKind) => (value === 'user' ? 'user' : 'user_group')
  return {
    counts,
    journal: journal.map((entry) => ({
      action: entry.change.action,
      kind: kind(entry.change.kind),
      id: entry.change.id,
      ...('group' in entry.change ? { group: entry.change.group } : {}),
      outcome: entry.outcome,
      ...(entry.outcome === 'failed'
        ? { error: entry.error, status: entry.status, trace_id: entry.traceId, may_have_applied: entry.mayHaveApplied }
        : {}),
      ...(entry.outcome === 'skipped' ? { waits_for: entry.because } : {}),
      ...((entry.outcome === 'applied' || entry.outcome === 'already-applied') && entry.assignedId !== undefined
        ? { assigned_id: entry.assignedId }
        : {}),
    })),
  }
}

/** A failure or a skip in words: `❌ 400 …`, `⏭️ skipped: waits for the creation of user group x, which failed`. */
export function describeProblem(entry: ApplyEntry, journal: readonly ApplyEntry[]): string {
  if (entry.outcome === 'failed')
    return `❌ ${escapeMarkdown(entry.error)}${entry.mayHaveApplied ? ' (it may have taken effect; the next plan shows)' : ''}`
  return entry.outcome === 'skipped' ? `⏭️ skipped: it waits for ${waitsFor(entry, journal, codeMarkdown)}` : ''
}

/** What a skipped change waited for, in words: `create user group x, which failed`. */
function waitsFor(
  entry: Extract<ApplyEntry, { outcome: 'skipped' }>,
  journal: readonly ApplyEntry[],
  show: (id: string) => string,
): string {
  const byKey = new Map(journal.map((other) => [changeKey(other.change), other]))
  return entry.because
    .map((key) => {
      const other = byKey.get(key)
      return other
        ? `${describeChange(other.change, show)}, which ${other.outcome === 'failed' ? 'failed' : 'was skipped'}`
        : show(key)
    })
    .join('; ')
}

/** `the target named it data_publishers; write user_group_id: data_publishers`. */
function assignedText(change: Change, id: string, show: (id: string) => string): string {
  return `the target named it ${show(id)}; write ${change.kind === 'user' ? 'user_id' : 'user_group_id'}: ${show(id)} in the config`
}

function rank(entry: ApplyEntry): number {
  return { failed: 0, skipped: 1, applied: 2, 'already-applied': 2 }[entry.outcome]
}
