import type { Plan } from '../plan/plan.js'
import { createdFields, describeCounts, describeFieldChange, KIND_NOUN, totalCounts } from './describe-change.js'

export interface TextStyle {
  /** ANSI colours, for a terminal only. */
  readonly color: boolean
}

const ANSI = { green: '\u001b[32m', yellow: '\u001b[33m', red: '\u001b[31m', bold: '\u001b[1m', dim: '\u001b[2m', reset: '\u001b[0m' }

/** The plan for a terminal: one line per change, field changes under updates, then skips, access, totals. */
export function renderPlanText(plan: Plan, context: { readonly config: string; readonly host: string }, style: TextStyle): string {
  const paint = (colour: keyof typeof ANSI, text: string) => (style.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text)
  const quote = (text: string) => JSON.stringify(text)
  const lines = [paint('bold', `Plan for ${context.config} → ${context.host} (${plan.load} load)`)]
  for (const { change, fields } of plan.changes) {
    const noun = KIND_NOUN[change.kind]
    if (change.action === 'create') {
      // Values are quoted: a newline in a name must not start a line (a workflow command) in a CI log.
      const set = createdFields(change).map(([field, value]) => `${field}: ${JSON.stringify(value)}`).join(', ')
      lines.push(paint('green', `  + create ${noun} ${change.id}${set ? `  (${set})` : ''}`))
    } else if (change.action === 'update') {
      lines.push(paint('yellow', `  ~ update ${noun} ${change.id}`))
      for (const field of fields) lines.push(`      ${field.field}: ${describeFieldChange(field, quote)}`)
    } else {
      lines.push(paint('red', `  - delete ${noun} ${change.id}`))
    }
  }
  if (plan.skipped.length > 0) {
    lines.push('', 'Left alone:')
    for (const skip of plan.skipped) lines.push(paint('dim', `  = ${KIND_NOUN[skip.kind]} ${skip.id} (would ${skip.wouldHave}): ${skip.reason}`))
  }
  if (plan.effectiveAccess.length > 0) {
    lines.push('', 'Effective access:')
    for (const { userId, gained, lost } of plan.effectiveAccess) {
      const steps = [
        ...gained.map((step) => `+${step.group}${step.via.length > 0 ? ` (via ${step.via.join(' → ')})` : ''}`),
        ...lost.map((step) => `−${step.group}${step.via.length > 0 ? ` (via ${step.via.join(' → ')})` : ''}`),
      ]
      lines.push(`  ${userId}: ${steps.join(', ')}`)
    }
  }
  const { users, userGroups } = plan.summary
  lines.push(
    '',
    `Plan: ${describeCounts(totalCounts(plan))} (users: ${describeCounts(users)}; user groups: ${describeCounts(userGroups)}); ` +
      `${plan.unchanged.users + plan.unchanged.userGroups} unchanged; hash ${plan.hash.slice(0, 12)}`,
  )
  if (plan.blocked) {
    lines.push(paint('red', 'BLOCKED: this plan will not be applied without --allow-blocked:'))
    for (const reason of plan.blockedReasons) lines.push(paint('red', `  - ${reason}`))
  }
  return `${lines.join('\n')}\n`
}
