import type { TargetSettings, TargetType } from '../model/entities.js'
import type { TargetProfile } from './target-profile.js'
import { userFields } from './user-fields.js'

const COMMON_USER_KEYS = ['user_id', 'firstname', 'lastname', 'email', 'user_groups', 'is_active']
const COMMON_GROUP_KEYS = ['user_group_id', 'user_group_name', 'is_active']

/** The GoodData object id rule, which the schema's common id rule widens with `@` and `+` for logins. */
const GOODDATA_ID = {
  pattern: /^(?!\.)[.A-Za-z0-9_-]{1,255}$/,
  says: 'use 1 to 255 characters from A-Z a-z 0-9 . _ -, not starting with "."',
}

/** The Automation API's permission names, as its OpenAPI description lists them. */
export const OPENDATASOFT_PERMISSIONS = [
  'edit_domain',
  'create_page',
  'edit_page',
  'manage_page',
  'explore_restricted_page',
  'create_dataset',
  'edit_dataset',
  'publish_dataset',
  'manage_dataset',
  'explore_restricted_dataset',
  'edit_reuse',
  'manage_subdomains',
  'explore_monitoring',
  'edit_theme',
  'edit_form',
  'submit_private_form',
  'create_external_asset',
  'edit_external_asset',
  'explore_restricted_external_asset',
  'manage_glossary',
  'manage_showcase_requests',
] as const

/** GoodData Cloud's permissions on workspaces and data sources, on users and groups. */
const SCOPED_PERMISSION_KEYS = ['workspace_permissions', 'data_source_permissions']

/** GoodData Cloud and GoodData.CN: the entity API; nested groups with declared ids; users are deleted. */
export const GOODDATA_CLOUD: TargetProfile = {
  type: 'gooddata-cloud',
  name: 'GoodData Cloud',
  capabilities: { nestedGroups: true, groupIds: 'declared', userRemoval: 'delete', membership: 'field' },
  configKeys: {
    user: [...COMMON_USER_KEYS, 'auth_id', ...SCOPED_PERMISSION_KEYS],
    userGroup: [...COMMON_GROUP_KEYS, 'parent_user_groups', ...SCOPED_PERMISSION_KEYS],
  },
  automaticProtections: "the token's user and the organization's bootstrap user and group",
  userValueFields: userFields('firstname', 'lastname', 'email', 'authId'),
  userIdRule: GOODDATA_ID,
}

/** Opendatasoft's Automation API: flat groups whose uids the server assigns; membership is its own resource. */
export const OPENDATASOFT: TargetProfile = {
  type: 'opendatasoft',
  name: 'Opendatasoft',
  capabilities: { nestedGroups: false, groupIds: 'assigned-by-target', userRemoval: 'delete', membership: 'resource' },
  configKeys: { user: [...COMMON_USER_KEYS, 'permissions'], userGroup: [...COMMON_GROUP_KEYS, 'permissions'] },
  automaticProtections: 'Opendatasoft staff accounts (is_ods)',
  userValueFields: userFields('firstname', 'lastname', 'email'),
  // Users are invited (or provisioned) by email, and every Opendatasoft account has one.
  requiredUserKeys: ['email'],
  userIdRule: {
    pattern: /^[A-Za-z0-9@.+_-]{1,255}$/,
    says: 'an Opendatasoft username: 1 to 255 letters, digits and @ . + - _',
  },
  permissions: { names: OPENDATASOFT_PERMISSIONS, admin: 'edit_domain' },
  identity: { users: 'email', groupTitles: 'exact', notices: true },
  userDeletionNote: 'deleting removes the user from this domain only; their Opendatasoft account stays',
}

/** The legacy GoodData Platform (/gdc): flat project groups matched by name; people leave a project by being disabled. */
export const GOODDATA_PLATFORM: TargetProfile = {
  type: 'gooddata-platform',
  name: 'the legacy GoodData Platform',
  capabilities: { nestedGroups: false, groupIds: 'assigned-by-target', userRemoval: 'disable', membership: 'resource' },
  configKeys: { user: [...COMMON_USER_KEYS, 'role'], userGroup: COMMON_GROUP_KEYS },
  automaticProtections: 'the signed-in user and accounts of other domains',
  userValueFields: userFields('firstname', 'lastname', 'email', 'role'),
  // Logins are email addresses, compared ignoring case as the platform does.
  userIdRule: {
    pattern: /^[A-Za-z0-9.+_-]+@[A-Za-z0-9.-]+$/,
    says: 'a login: the email address the user signs in with',
  },
  identity: { users: 'id-ignoring-case', groupTitles: 'ignoring-case', notices: false },
  projectAdminRole: 'adminRole',
  // The Users Brick emptied groups it was not told about; here they keep their members unless declared.
  undeclaredGroups: 'leave',
  emailDefaultsToId: true,
}

/** Every target's profile, by `target.type`: the one place a target is registered in the core. */
export const TARGET_PROFILES: Readonly<Record<TargetType, TargetProfile>> = {
  'gooddata-cloud': GOODDATA_CLOUD,
  opendatasoft: OPENDATASOFT,
  'gooddata-platform': GOODDATA_PLATFORM,
}

/**
 * The profile as a config's settings adjust it: on the legacy platform, gooddata_platform.removal
 * says whether a user who leaves is disabled (the default), removed from the project, or deleted.
 */
export function profileFor(profile: TargetProfile, settings: TargetSettings): TargetProfile {
  const removal = settings.gooddataPlatform?.removal
  if (removal === undefined || removal === 'disable') return profile
  const userDeletionNote =
    removal === 'remove-from-project'
      ? 'deleting removes the user from this project only; the account stays in its domain'
      : `deleting deletes the account from the domain ${settings.gooddataPlatform!.domain}, with its access to every project`
  return { ...profile, capabilities: { ...profile.capabilities, userRemoval: 'delete' }, userDeletionNote }
}
