import type { RouteAnswer } from '../shared/route-answer.js'
import { notFound } from './problem-answers.js'
import type { OrganizationState, StoredUser, StoredUserGroup } from './organization-state.js'

const groupIdentifiers = (ids: readonly string[]) => ids.map((id) => ({ id, type: 'userGroup' }))

/**
 * The declarative layouts of users and groups (get_declarative_users.yaml and its siblings):
 * `authId` for authenticationId, `permissions` and `settings` always there and empty (the
 * emulator keeps no SEE permissions or user settings), `parents` and `userGroups` only when set.
 */
export class UserLayoutRoutes {
  /** `offered: false` answers 404, as a GoodData.CN from before the layouts does. */
  constructor(
    private readonly state: OrganizationState,
    private readonly offered = true,
  ) {}

  users(): RouteAnswer {
    if (!this.offered) return notFound()
    return { status: 200, body: { users: this.state.sortedUsers().map(declarativeUser) } }
  }

  userGroups(): RouteAnswer {
    if (!this.offered) return notFound()
    return { status: 200, body: { userGroups: this.state.sortedUserGroups().map(declarativeUserGroup) } }
  }

  usersAndUserGroups(): RouteAnswer {
    if (!this.offered) return notFound()
    const { state } = this
    return {
      status: 200,
      body: {
        userGroups: state.sortedUserGroups().map(declarativeUserGroup),
        users: state.sortedUsers().map(declarativeUser),
      },
    }
  }
}

function declarativeUser(user: StoredUser) {
  const { authenticationId, ...attributes } = user.attributes
  return {
    ...(authenticationId === undefined ? {} : { authId: authenticationId }),
    ...attributes,
    id: user.id,
    permissions: [],
    settings: [],
    ...(user.userGroups.length > 0 ? { userGroups: groupIdentifiers(user.userGroups) } : {}),
  }
}

function declarativeUserGroup(group: StoredUserGroup) {
  return {
    id: group.id,
    ...group.attributes,
    ...(group.parents.length > 0 ? { parents: groupIdentifiers(group.parents) } : {}),
    permissions: [],
  }
}
