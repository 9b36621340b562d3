import type { PermissionStep, Plan } from '../plan/plan.js'
import { describeWouldHave, groupShower, KIND_NOUN, showChain } from './describe-change.js'
import { codeMarkdown, escapeMarkdown } from './escape-markdown.js'
import { describeMore, describeScopedStep } from './describe-permissions.js'
import { countOf, oneOrMany } from './plural.js'

/** The collapsed section of who gains or loses which groups (and permissions), up to `room` users. */
export function renderEffectiveAccess(plan: Plan, room: number): string[] {
  const { effectiveAccess } = plan
  if (effectiveAccess.length === 0) return []
  const shown = effectiveAccess.slice(0, room)
  const what =
    plan.profile.permissions || effectiveAccess.some((item) => item.scopedPermissions)
      ? 'groups or permissions'
      : 'groups'
  const showGroup = groupShower(plan.groupLabels, codeMarkdown, codeMarkdown)
  const count = effectiveAccess.length
  const out = [
    `<details><summary>Effective access: ${count} ${oneOrMany(count, 'user gains or loses', 'users gain or lose')} ${what}</summary>`,
    '',
  ]
  for (const { userId, gained, lost, moreGroups, permissions, scopedPermissions } of shown) {
    const step = (sign: string, { group, via }: { group: string; via: readonly string[] }) =>
      `${sign}${showGroup(group)}${via.length > 0 ? ` via ${showChain(via, showGroup)}` : ''}`
    const grant = (sign: string, { permission, via }: PermissionStep) =>
      `${sign}permission ${codeMarkdown(permission)}${via === undefined ? '' : ` via ${codeMarkdown(via)}`}`
    const granted = permissions
      ? [...permissions.gained.map((s) => grant('gains ', s)), ...permissions.lost.map((s) => grant('loses ', s))]
      : []
    const scoped = scopedPermissions
      ? [
          ...scopedPermissions.gained.map((s) => describeScopedStep('+', s, codeMarkdown, showGroup)),
          ...scopedPermissions.lost.map((s) => describeScopedStep('−', s, codeMarkdown, showGroup)),
          ...describeMore(scopedPermissions.more),
        ]
      : []
    const steps = [
      ...gained.map((s) => step('gains ', s)),
      ...lost.map((s) => step('loses ', s)),
      ...describeMore(moreGroups, 'groups'),
      ...granted,
      ...scoped,
    ]
    out.push(`- ${codeMarkdown(userId)}: ${steps.join(', ')}`)
  }
  if (shown.length < count)
    out.push('', `… ${countOf(count - shown.length, 'more user')} not shown here; the full plan is in the job summary.`)
  out.push('', '</details>', '')
  return out
}

/** The collapsed section of what protection or `unmanaged` kept the plan from changing, up to `room` entries. */
export function renderSkipped(plan: Plan, room: number): string[] {
  if (plan.skipped.length === 0) return []
  const shown = plan.skipped.slice(0, room)
  const showGroup = groupShower(plan.groupLabels, codeMarkdown, codeMarkdown)
  const out = [`<details><summary>Left alone: ${plan.skipped.length} protected or unmanaged</summary>`, '']
  for (const skip of shown)
    out.push(
      `- ${KIND_NOUN[skip.kind]} ${(skip.kind === 'userGroup' ? showGroup : codeMarkdown)(skip.id)} (would ${describeWouldHave(skip.wouldHave)}): ${escapeMarkdown(skip.reason)}`,
    )
  if (shown.length < plan.skipped.length) out.push('', `… ${plan.skipped.length - shown.length} more not shown here.`)
  out.push('', '</details>', '')
  return out
}
