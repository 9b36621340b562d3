import type { EntityKind } from '../model/actual-state.js'
import type { UserFields } from '../model/change.js'
import type { ScopedPermissions } from '../model/scoped-permissions.js'
import type { Plan, ScopedPermissionStep } from '../plan/plan.js'
import type { TargetProfile } from '../targets/target-profile.js'

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
      ...(change.action === 'permissions'
        ? { permissions: { before: scopedToJson(change.from), after: scopedToJson(change.to) } }
        : {}),
      ...('after' in change
        ? {
            after:
              change.kind === 'user'
                ? userAfter(change.after, plan.profile)
                : {
                    user_group_name: change.after.name,
                    parent_user_groups: change.after.parents,
                    permissions: change.after.permissions,
                  },
          }
        : {}),
      ...(fields.length > 0 ? { fields } : {}),
      ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}),
    })),
    ...(plan.creationNote ? { creation_note: plan.creationNote } : {}),
    // Only where ids can differ (Opendatasoft): the document of other targets keeps its shape.
    ...(plan.idNotices.length > 0
      ? {
          id_notices: plan.idNotices.map(({ kind, declared, live, by, source }) => ({
            kind: KIND[kind],
            declared,
            live,
            by,
            file: source.file,
            line: source.line,
          })),
        }
      : {}),
    skipped: plan.skipped.map((skip) => ({
      kind: KIND[skip.kind],
      id: skip.id,
      reason: skip.reason,
      would_have: skip.wouldHave,
    })),
    ...(plan.permissionsLeftAlone
      ? {
          permissions_left_alone: {
            users: plan.permissionsLeftAlone.users,
            user_groups: plan.permissionsLeftAlone.userGroups,
          },
        }
      : {}),
    effective_access: plan.effectiveAccess.map(
      ({ userId, gained, lost, moreGroups, permissions, scopedPermissions }) => ({
        user_id: userId,
        gained,
        lost,
        ...(moreGroups ? { more_groups: moreGroups } : {}),
        ...(permissions ? { permissions } : {}),
        ...(scopedPermissions
          ? {
              scoped_permissions: {
                gained: scopedPermissions.gained.map(stepToJson),
                lost: scopedPermissions.lost.map(stepToJson),
                ...(scopedPermissions.more ? { more: scopedPermissions.more } : {}),
              },
            }
          : {}),
      }),
    ),
  }
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planToJson(plan), null, 2)}\n`
}

/** Permissions on workspaces and data sources as the config writes them. */
function scopedToJson(held: ScopedPermissions) {
  return {
    workspace_permissions: Object.fromEntries(
      held.workspaces.map(({ id, permissions, hierarchy }) => [id, { permissions, hierarchy }]),
    ),
    data_source_permissions: Object.fromEntries(held.dataSources.map(({ id, permissions }) => [id, permissions])),
  }
}

function stepToJson({ grant, via }: ScopedPermissionStep) {
  const scope = { workspace: 'workspace', 'workspace-hierarchy': 'workspace_hierarchy', dataSource: 'data_source' }
  return { scope: scope[grant.scope], id: grant.id, permission: grant.permission, via }
}

/** A user's fields under their config names, in the target's order; absent ones kept as undefined (left out by JSON). */
function userAfter(after: UserFields, profile: TargetProfile) {
  const out: Record<string, unknown> = {}
  for (const { key, config } of profile.userValueFields) out[config] = after[key]
  out['user_groups'] = after.userGroups
  out['permissions'] = after.permissions
  return out
}
