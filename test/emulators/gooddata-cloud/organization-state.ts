import type { StoredDataSource, DataSourceSeed } from './data-source-records.js'
import { compareText, type Assignee, isSameAssignee } from './permission-names.js'
import type { StoredWorkspace, WorkspaceSeed } from './workspace-records.js'

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
  /** Workspaces, each parent before or after its children, with their permission grants. */
  readonly workspaces?: readonly WorkspaceSeed[]
  readonly dataSources?: readonly DataSourceSeed[]
}

/**
 * The in-memory organization: users, groups, workspaces and data sources by id, kept sorted on
 * read as the server lists them. Permission grants live on the workspace or data source they give.
 */
export class OrganizationState {
  readonly organizationId: string
  readonly organizationName: string
  readonly bootstrapUser: string
  readonly bootstrapUserGroup: string
  readonly users = new Map<string, StoredUser>()
  readonly userGroups = new Map<string, StoredUserGroup>()
  readonly workspaces = new Map<string, StoredWorkspace>()
  readonly dataSources = new Map<string, StoredDataSource>()

  constructor(seed: OrganizationSeed = {}) {
    this.organizationId = seed.organizationId ?? 'default'
    this.organizationName = seed.organizationName ?? 'Default Organization'
    this.bootstrapUser = seed.bootstrapUser ?? 'admin'
    this.bootstrapUserGroup = seed.bootstrapUserGroup ?? 'adminGroup'
    const groups = seed.userGroups ?? [{ id: this.bootstrapUserGroup, attributes: {}, parents: [] }]
    const users = seed.users ?? [{ id: this.bootstrapUser, attributes: {}, userGroups: [this.bootstrapUserGroup] }]
    for (const group of groups) this.userGroups.set(group.id, structuredClone(group))
    for (const user of users) this.users.set(user.id, structuredClone(user))
    for (const { permissions = [], hierarchyPermissions = [], ...workspace } of seed.workspaces ?? []) {
      this.workspaces.set(workspace.id, structuredClone({ ...workspace, permissions, hierarchyPermissions }))
    }
    for (const { permissions = [], ...dataSource } of seed.dataSources ?? []) {
      this.dataSources.set(dataSource.id, structuredClone({ ...dataSource, permissions }))
    }
  }

  sortedUsers(): StoredUser[] {
    return [...this.users.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  sortedUserGroups(): StoredUserGroup[] {
    return [...this.userGroups.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  sortedWorkspaces(): StoredWorkspace[] {
    return [...this.workspaces.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  sortedDataSources(): StoredDataSource[] {
    return [...this.dataSources.values()].sort((a, b) => compareIds(a.id, b.id))
  }

  /** Whether the assignee is a user or group the organization has. */
  hasAssignee(assignee: Assignee): boolean {
    return assignee.type === 'user' ? this.users.has(assignee.id) : this.userGroups.has(assignee.id)
  }

  /** Deletes a user and its permission grants (an SDK test says deleting a user cascades to them). */
  deleteUser(id: string): void {
    this.users.delete(id)
    this.dropGrantsOf({ id, type: 'user' })
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
    this.dropGrantsOf({ id, type: 'userGroup' })
  }

  /** Drops every grant to `assignee`, on every workspace and data source. */
  private dropGrantsOf(assignee: Assignee): void {
    const kept = <Grant extends { assignee: Assignee }>(grants: Grant[]) =>
      grants.filter((grant) => !isSameAssignee(grant.assignee, assignee))
    for (const workspace of this.workspaces.values()) {
      workspace.permissions = kept(workspace.permissions)
      workspace.hierarchyPermissions = kept(workspace.hierarchyPermissions)
    }
    for (const dataSource of this.dataSources.values()) dataSource.permissions = kept(dataSource.permissions)
  }

  /** A plain copy, for tests comparing state. */
  snapshot() {
    return structuredClone({
      users: this.sortedUsers(),
      userGroups: this.sortedUserGroups(),
      workspaces: this.sortedWorkspaces(),
      dataSources: this.sortedDataSources(),
    })
  }
}

const compareIds = compareText
