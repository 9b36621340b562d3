import type { RouteAnswer } from '../shared/route-answer.js'
import { dataSourceAccess, workspaceAccess } from './assignee-access.js'
import type { OrganizationState } from './organization-state.js'
import { readPermissionsAssignment, readTargetAssignments } from './permission-bodies.js'
import type { Assignee } from './permission-names.js'
import {
  assignTargets,
  replaceAssignment,
  requireAssignees,
  requireTargets,
  revokeTargets,
} from './permission-writes.js'
import { answerRejections, notFound, RequestRejected } from './problem-answers.js'

/**
 * The userManagement permission actions (test_manage_user_permissions.yaml and its siblings):
 * one user's or group's assignments read and set whole, and bulk assign and revoke.
 */
export class UserManagementPermissions {
  constructor(private readonly state: OrganizationState) {}

  /** listPermissionsForUser/UserGroup: direct grants, or with includeInherited each tagged with its accessSource. */
  list(assignee: Assignee, query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const raw = query.get('includeInherited')?.toLowerCase()
      if (raw !== undefined && raw !== 'true' && raw !== 'false')
        throw new RequestRejected(400, `Parameter "includeInherited" must be true or false, not "${raw}".`)
      if (!this.state.hasAssignee(assignee)) return notFound()
      return { status: 200, body: assignmentsOf(this.state, assignee, { inherited: raw === 'true' }) }
    })
  }

  /** managePermissionsForUser/UserGroup: the body is the whole assignment; what it leaves out is taken away. */
  set(assignee: Assignee, body: unknown): RouteAnswer {
    return answerRejections(() => {
      if (!this.state.hasAssignee(assignee)) return notFound()
      const targets = readTargetAssignments(body, { required: true })
      requireTargets(this.state, targets)
      replaceAssignment(this.state, assignee, targets)
      return { status: 204 }
    })
  }

  /** assignPermissions: each assignee gets the listed permissions in place of what it had on each listed target. */
  assign(body: unknown): RouteAnswer {
    return this.bulk(body, assignTargets)
  }

  /** revokePermissions: the listed permissions are taken from each assignee on each listed target. */
  revoke(body: unknown): RouteAnswer {
    return this.bulk(body, revokeTargets)
  }

  /** The bulk actions answer 200 with no body (test_assign_permissions_bulk.yaml). */
  private bulk(body: unknown, apply: typeof assignTargets): RouteAnswer {
    return answerRejections(() => {
      const { assignees, ...targets } = readPermissionsAssignment(body)
      requireAssignees(this.state, assignees)
      requireTargets(this.state, targets)
      for (const assignee of assignees) apply(this.state, assignee, targets)
      return { status: 200 }
    })
  }
}

/**
 * UserManagementPermissionAssignments of one user or group, each target with its name; without
 * `inherited` the entries carry no accessSource ("Absent for direct-only listings").
 */
export function assignmentsOf(state: OrganizationState, assignee: Assignee, options: { readonly inherited: boolean }) {
  const tag = (source: string) => (options.inherited ? { accessSource: source } : {})
  const nameOf = (name: string | undefined) => (name === undefined ? {} : { name })
  return {
    dataSources: dataSourceAccess(state, assignee, options).map((access) => ({
      ...tag(access.source),
      id: access.id,
      ...nameOf(state.dataSources.get(access.id)?.attributes.name),
      permissions: access.permissions,
    })),
    workspaces: workspaceAccess(state, assignee, options).map((access) => ({
      ...tag(access.source),
      hierarchyPermissions: access.hierarchyPermissions,
      id: access.id,
      ...nameOf(state.workspaces.get(access.id)?.attributes.name),
      permissions: access.permissions,
    })),
  }
}
