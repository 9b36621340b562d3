import type { StoredDataSource } from './data-source-records.js'
import type { StoredUser, StoredUserGroup } from './organization-state.js'
import type { FilterFields } from './rsql-filter.js'
import type { StoredWorkspace } from './workspace-records.js'

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? undefined : String(value))

/** What `filter=` and `sort=` may name on users: id, the attributes, and `userGroups.id`. */
export const USER_FIELDS: FilterFields<StoredUser> = {
  id: (user) => user.id,
  authenticationId: (user) => user.attributes.authenticationId,
  email: (user) => user.attributes.email,
  firstname: (user) => user.attributes.firstname,
  lastname: (user) => user.attributes.lastname,
  systemAccount: (user) => text(user.attributes.systemAccount),
  'userGroups.id': (user) => user.userGroups,
}

/** What `filter=` and `sort=` may name on user groups: id, name and `parents.id`. */
export const USER_GROUP_FIELDS: FilterFields<StoredUserGroup> = {
  id: (group) => group.id,
  name: (group) => group.attributes.name,
  'parents.id': (group) => group.parents,
}

/** What `filter=` and `sort=` may name on workspaces: id, the text attributes and `parent.id`. */
export const WORKSPACE_FIELDS: FilterFields<StoredWorkspace> = {
  id: (workspace) => workspace.id,
  name: (workspace) => workspace.attributes.name,
  description: (workspace) => workspace.attributes.description,
  earlyAccess: (workspace) => workspace.attributes.earlyAccess,
  prefix: (workspace) => workspace.attributes.prefix,
  'parent.id': (workspace) => (workspace.parent === undefined ? [] : [workspace.parent]),
}

/** What `filter=` and `sort=` may name on data sources: id and the text attributes that are not secret. */
export const DATA_SOURCE_FIELDS: FilterFields<StoredDataSource> = {
  id: (dataSource) => dataSource.id,
  name: (dataSource) => dataSource.attributes.name,
  type: (dataSource) => dataSource.attributes.type,
  schema: (dataSource) => dataSource.attributes.schema,
  url: (dataSource) => text(dataSource.attributes['url']),
  username: (dataSource) => text(dataSource.attributes['username']),
}
