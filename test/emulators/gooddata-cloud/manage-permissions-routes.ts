import type { RouteAnswer } from '../shared/route-answer.js'
import type { OrganizationState } from './organization-state.js'
import { readDataSourceAssignments, readWorkspaceAssignments } from './permission-bodies.js'
import { requireAssignees, setDataSourceAssignment, setWorkspaceAssignment } from './permission-writes.js'
import { answerRejections, notFound } from './problem-answers.js'

/**
 * manageWorkspacePermissions and manageDataSourcePermissions: each listed assignee's permissions
 * on the workspace (and, through hierarchyPermissions, its hierarchy) or data source become the
 * listed ones; a list left out or empty takes them away. Assignees not listed keep theirs.
 */
export class ManagePermissionsRoutes {
  constructor(private readonly state: OrganizationState) {}

  workspace(id: string, body: unknown): RouteAnswer {
    return answerRejections(() => {
      if (!this.state.workspaces.has(id)) return notFound()
      const assignments = readWorkspaceAssignments(body)
      requireAssignees(
        this.state,
        assignments.map((assignment) => assignment.assignee),
      )
      for (const assignment of assignments) setWorkspaceAssignment(this.state, id, assignment)
      return { status: 204 }
    })
  }

  dataSource(id: string, body: unknown): RouteAnswer {
    return answerRejections(() => {
      if (!this.state.dataSources.has(id)) return notFound()
      const assignments = readDataSourceAssignments(body)
      requireAssignees(
        this.state,
        assignments.map((assignment) => assignment.assignee),
      )
      for (const assignment of assignments) setDataSourceAssignment(this.state, id, assignment)
      return { status: 204 }
    })
  }
}
