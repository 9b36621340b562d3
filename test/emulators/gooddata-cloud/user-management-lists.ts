import type { RouteAnswer } from '../shared/route-answer.js'
import { isOrganizationAdmin } from './group-membership.js'
import { readPaging } from './list-query.js'
import type { OrganizationState, StoredUser, StoredUserGroup } from './organization-state.js'
import type { Assignee } from './permission-names.js'
import { answerRejections } from './problem-answers.js'
import { assignmentsOf } from './user-management-permissions.js'

/**
 * listUsers and listUserGroups: paged by `page`/`size`, with `totalCount` counting every match.
 * Filters: `name` (case-insensitive, part of the name; the id for one without a name), `workspace`
 * and `dataSource` (a direct permission there), `group` (a direct member, users only).
 */
export class UserManagementLists {
  constructor(private readonly state: OrganizationState) {}

  users(query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const { page, size } = readPaging(query)
      const group = query.get('group')
      const matching = this.state
        .sortedUsers()
        .filter((user) => matchesName(displayName(user) ?? user.id, query.get('name')))
        .filter((user) => group === null || user.userGroups.includes(group))
        .filter((user) => this.hasDirectAccess({ id: user.id, type: 'user' }, query))
      const users = matching.slice(page * size, page * size + size).map((user) => this.userItem(user))
      return { status: 200, body: { totalCount: matching.length, users } }
    })
  }

  userGroups(query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const { page, size } = readPaging(query)
      const matching = this.state
        .sortedUserGroups()
        .filter((group) => matchesName(group.attributes.name ?? group.id, query.get('name')))
        .filter((group) => this.hasDirectAccess({ id: group.id, type: 'userGroup' }, query))
      const userGroups = matching.slice(page * size, page * size + size).map((group) => this.groupItem(group))
      return { status: 200, body: { totalCount: matching.length, userGroups } }
    })
  }

  /** UserManagementUsersItem: `systemAccount` and `organizationAdmin` are required, so false when unset. */
  private userItem(user: StoredUser) {
    const { email, systemAccount } = user.attributes
    const name = displayName(user)
    const assignee: Assignee = { id: user.id, type: 'user' }
    return {
      ...assignmentsOf(this.state, assignee, { inherited: false }),
      ...(email === undefined ? {} : { email }),
      id: user.id,
      ...(name === undefined ? {} : { name }),
      organizationAdmin: isOrganizationAdmin(this.state, assignee),
      systemAccount: systemAccount ?? false,
      userGroups: user.userGroups.map((id) => {
        const groupName = this.state.userGroups.get(id)?.attributes.name
        return { id, ...(groupName === undefined ? {} : { name: groupName }) }
      }),
    }
  }

  private groupItem(group: StoredUserGroup) {
    const assignee: Assignee = { id: group.id, type: 'userGroup' }
    const { name } = group.attributes
    let userCount = 0
    for (const user of this.state.users.values()) if (user.userGroups.includes(group.id)) userCount++
    return {
      ...assignmentsOf(this.state, assignee, { inherited: false }),
      id: group.id,
      ...(name === undefined ? {} : { name }),
      organizationAdmin: isOrganizationAdmin(this.state, assignee),
      userCount,
    }
  }

  private hasDirectAccess(assignee: Assignee, query: URLSearchParams): boolean {
    const workspace = query.get('workspace')
    const dataSource = query.get('dataSource')
    if (workspace === null && dataSource === null) return true
    const { workspaces, dataSources } = assignmentsOf(this.state, assignee, { inherited: false })
    return (
      (workspace === null || workspaces.some((entry) => entry.id === workspace)) &&
      (dataSource === null || dataSources.some((entry) => entry.id === dataSource))
    )
  }
}

/** A user's name as the user list shows it: first and last name, when either is set. */
function displayName(user: StoredUser): string | undefined {
  const name = [user.attributes.firstname, user.attributes.lastname].filter(Boolean).join(' ')
  return name === '' ? undefined : name
}

function matchesName(name: string, wanted: string | null): boolean {
  return wanted === null || name.toLowerCase().includes(wanted.toLowerCase())
}
