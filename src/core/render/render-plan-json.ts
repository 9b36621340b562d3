import type { EntityKind } from '../model/actual-state.js'
import type { Plan } from '../plan/plan.js'

const KIND: Record<EntityKind, string> = { user: 'user', userGroup: 'user_group' }

/** The plan as versioned JSON (version 1), keys in snake_case like the config files. */
export function planToJson(plan: Plan) {
  return {
    version: 1,
    hash: plan.hash,
    blocked: plan.blocked,
    blocked_reasons: plan.blockedReasons,
    load: plan.load,
    target: plan.target,
    summary: { users: plan.summary.users, user_groups: plan.summary.userGroups },
    unchanged: { users: plan.unchanged.users, user_groups: plan.unchanged.userGroups },
    changes: plan.changes.map(({ change, fields, dependsOn }) => ({
      action: change.action,
      kind: KIND[change.kind],
      id: change.id,
      ...('group' in change ? { group: change.group } : {}),
      ...('after' in change ? { after: change.kind === 'user' ? userAfter(change.after) : { user_group_name: change.after.name, parent_user_groups: change.after.parents } } : {}),
      ...(fields.length > 0 ? { fields } : {}),
      ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}),
    })),
    skipped: plan.skipped.map((skip) => ({ kind: KIND[skip.kind], id: skip.id, reason: skip.reason, would_have: skip.wouldHave })),
    effective_access: plan.effectiveAccess.map(({ userId, gained, lost }) => ({ user_id: userId, gained, lost })),
  }
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planToJson(plan), null, 2)}\n`
}

function userAfter(after: { firstname?: string; lastname?: string; email?: string; authId?: string; userGroups: readonly string[] }) {
  return { firstname: after.firstname, lastname: after.lastname, email: after.email, auth_id: after.authId, user_groups: after.userGroups }
}
