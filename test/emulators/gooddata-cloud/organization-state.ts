/** A user as the emulated server stores it. */
export interface StoredUser {
  id: string
  attributes: {
    authenticationId?: string
    email?: string
    firstname?: string
    lastname?: string
    systemAccount?: boolean
  }
  userGroups: string[]
}

/** A user group as the emulated server stores it. */
export interface StoredUserGroup {
  id: string
  attributes: { name?: string }
  parents: string[]
}

/** What an emulated organization starts with. */
export interface OrganizationSeed {
  readonly organizationId?: string
  readonly organizationName?: string
  readonly bootstrapUser?: string
  readonly bootstrapUserGroup?: string
  readonly users?: readonly StoredUser[]
  readonly userGroups?: readonly StoredUserGroup[]
}

/** The in-memory organization: users and groups by id, kept sorted on read as the server lists them. */
export class OrganizationState {
  readonly organizationId: string
  readonly organizationName: string
  readonly bootstrapUser: string
  readonly bootstrapUserGroup: string
  readonly users = new Map<string, StoredUser>()
  readonly userGroups = new Map<string, StoredUserGroup>()

  constructor(seed: OrganizationSeed = {}) {
    this.organizationId = seed.organizationId ?? 'default'
    this.organizationName = seed.organizationName ?? 'Default Organization'
    this.bootstrapUser = seed.bootstrapUser ?? 'admin'
    this.bootstrapUserGroup = seed.bootstrapUserGroup ?? 'adminGroup'
    const groups = seed.userGroups ?? [{ id: this.bootstrapUserGroup, attributes: {}, parents: [] }]
    const users = seed.users ?? [{ id: this.bootstrapUser, attributes: {}, userGroups: [this.bootstrapUserGroup] }]
    for (const group of groups) this.userGroups.set(group.id, structuredClone(group))
    for (const user of users) this.users.set(user.id, structuredClone(user))
  }

  sortedUsers(): StoredUser[] {
    return [...this.users.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  sortedUserGroups(): StoredUserGroup[] {
    return [...this.userGroups.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  /**
   * Deletes a group and every reference to it. What the real server does with members and
   * child groups of a deleted group is not documented; dropping the references is the
   * assumption here (users keep their other groups, children lose that parent).
   */
  deleteUserGroup(id: string): void {
    this.userGroups.delete(id)
    for (const user of this.users.values()) user.userGroups = user.userGroups.filter((group) => group !== id)
    for (const group of this.userGroups.values()) group.parents = group.parents.filter((parent) => parent !== id)
  }

  /** A plain copy, for tests comparing state. */
  snapshot() {
    return { users: structuredClone(this.sortedUsers()), userGroups: structuredClone(this.sortedUserGroups()) }
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
