import type { PermissionStep, Plan } from '../plan/plan.js'
import {
  describePermissionChanges,
  describePermissionsLeftAlone,
  describeMore,
  describeScopedStep,
  managementLosses,
  revokedCount,
} from './describe-permissions.js'
import { quoteValue, showId, showPath, visibleText } from './inert-text.js'
import {
  createdFields,
  describeChange,
  describeIdNotice,
  groupShower,
  describeCounts,
  describeFieldChange,
  describeWouldHave,
  KIND_NOUN,
  showChain,
  totalCounts,
} from './describe-change.js'

export interface TextStyle {
  /** ANSI colours, for a terminal only. */
  readonly color: boolean
}

const ANSI = {
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  red: '\u001b[31m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
}

/** The plan for a terminal: one line per change, field changes under updates, then skips, access, totals. */
export function renderPlanText(
  plan: Plan,
  context: { readonly config: string; readonly host: string },
  style: TextStyle,
): string {
  const paint = (colour: keyof typeof ANSI, text: string) =>
    style.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text
  const quote = quoteValue
  const group = groupShower(plan.groupLabels, showId, quoteValue)
  const shown = (kind: 'user' | 'userGroup', id: string) => (kind === 'userGroup' ? group(id) : showId(id))
  const lines = [
    paint('bold', `Plan for ${showPath(context.config)} → ${visibleText(context.host)} (${plan.load} load)`),
  ]
  for (const { change, fields } of plan.changes) {
    const noun = KIND_NOUN[change.kind]
    if (change.action === 'create') {
      // Values are quoted: a newline in a name must not start a line (a workflow command) in a CI log.
      const set = createdFields(change, plan.profile)
        .map(([field, value]) => `${field}: ${quoteValue(value)}`)
        .join(', ')
      lines.push(paint('green', `  + create ${noun} ${shown(change.kind, change.id)}${set ? `  (${set})` : ''}`))
    } else if (change.action === 'update') {
      lines.push(paint('yellow', `  ~ update ${noun} ${shown(change.kind, change.id)}`))
      for (const field of fields) lines.push(`      ${field.field}: ${describeFieldChange(field, quote)}`)
    } else if (change.action === 'permissions') {
      const revokes = revokedCount(change) > 0
      lines.push(paint(revokes ? 'red' : 'yellow', `  ~ permissions of ${noun} ${shown(change.kind, change.id)}`))
      for (const part of describePermissionChanges(change, showId)) lines.push(`      ${part}`)
    } else if (change.action === 'delete' || change.action === 'disable') {
      lines.push(paint('red', `  - ${change.action} ${noun} ${shown(change.kind, change.id)}`))
    } else {
      lines.push(
        paint(change.action === 'remove-member' ? 'red' : 'yellow', `  ~ ${describeChange(change, showId, group)}`),
      )
    }
  }
  if (plan.idNotices.length > 0) {
    lines.push('', 'Ids that differ on the target:')
    for (const notice of plan.idNotices)
      lines.push(
        paint(
          'yellow',
          `  ! ${showPath(notice.source.file)}:${notice.source.line}: ${describeIdNotice(notice, plan.profile, showId)}`,
        ),
      )
  }
  if (plan.creationNote) lines.push('', `Note: ${plan.creationNote}.`)
  const leftAlone = describePermissionsLeftAlone(plan)
  if (leftAlone) lines.push('', `Note: ${leftAlone}.`)
  if (plan.profile.userDeletionNote && plan.summary.users.delete > 0)
    lines.push('', `Note: ${plan.profile.userDeletionNote}.`)
  if (plan.skipped.length > 0) {
    lines.push('', 'Left alone:')
    for (const skip of plan.skipped)
      lines.push(
        paint(
          'dim',
          `  = ${KIND_NOUN[skip.kind]} ${shown(skip.kind, skip.id)} (would ${describeWouldHave(skip.wouldHave)}): ${visibleText(skip.reason)}`,
        ),
      )
  }
  if (plan.effectiveAccess.length > 0) {
    lines.push('', 'Effective access:')
    for (const { userId, gained, lost, moreGroups, permissions, scopedPermissions } of plan.effectiveAccess) {
      const steps = [
        ...gained.map(
          (step) => `+${group(step.group)}${step.via.length > 0 ? ` (via ${showChain(step.via, group)})` : ''}`,
        ),
        ...lost.map(
          (step) => `−${group(step.group)}${step.via.length > 0 ? ` (via ${showChain(step.via, group)})` : ''}`,
        ),
        ...describeMore(moreGroups, 'groups'),
      ]
      const granted = permissions
        ? [
            ...permissions.gained.map((step) => permissionText('+', step)),
            ...permissions.lost.map((step) => permissionText('−', step)),
          ]
        : []
      const scoped = scopedPermissions
        ? [
            ...scopedPermissions.gained.map((step) => describeScopedStep('+', step, showId, group)),
            ...scopedPermissions.lost.map((step) => describeScopedStep('−', step, showId, group)),
            ...describeMore(scopedPermissions.more),
          ]
        : []
      const parts = [
        steps.join(', '),
        granted.length > 0 ? `permissions ${granted.join(', ')}` : '',
        scoped.join(', '),
      ].filter((part) => part !== '')
      lines.push(`  ${showId(userId)}: ${parts.join('; ')}`)
    }
  }
  const { users, userGroups } = plan.summary
  lines.push(
    '',
    `Plan: ${describeCounts(totalCounts(plan))} (users: ${describeCounts(users)}; user groups: ${describeCounts(userGroups)}); ` +
      `${plan.unchanged.users + plan.unchanged.userGroups} unchanged; hash ${plan.hash.slice(0, 12)}`,
  )
  const manage = managementLosses(plan, showId)
  if (manage.length > 0) {
    lines.push(paint('red', `MANAGE taken away (${manage.length}):`))
    for (const loss of manage.slice(0, 20)) lines.push(paint('red', `  - ${loss}`))
    if (manage.length > 20) lines.push(paint('red', `  … and ${manage.length - 20} more`))
  }
  if (plan.blocked) {
    lines.push(paint('red', 'BLOCKED: this plan will not be applied without --allow-blocked:'))
    for (const reason of plan.blockedReasons) lines.push(paint('red', `  - ${visibleText(reason)}`))
  }
  return `${lines.join('\n')}\n`
}

/** `+edit_dataset (via publishers)`, or without `via` when granted to the user directly. */
function permissionText(sign: string, step: PermissionStep): string {
  return `${sign}${showId(step.permission)}${step.via === undefined ? '' : ` (via ${showId(step.via)})`}`
}
