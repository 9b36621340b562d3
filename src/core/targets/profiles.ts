import type { TargetType } from '../model/entities.js'
import type { TargetProfile } from './target-profile.js'
import { userFields } from './user-fields.js'

const COMMON_USER_KEYS = ['user_id', 'firstname', 'lastname', 'email', 'user_groups', 'is_active']
const COMMON_GROUP_KEYS = ['user_group_id', 'user_group_name', 'is_active']

/** GoodData Cloud and GoodData.CN: the entity API; nested groups with declared ids; users are deleted. */
export const GOODDATA_CLOUD: TargetProfile = {
  type: 'gooddata-cloud',
  name: 'GoodData Cloud',
  capabilities: { nestedGroups: true, groupIds: 'declared', userRemoval: 'delete', membership: 'field' },
  configKeys: { user: [...COMMON_USER_KEYS, 'auth_id'], userGroup: [...COMMON_GROUP_KEYS, 'parent_user_groups'] },
  userValueFields: userFields('firstname', 'lastname', 'email', 'authId'),
}

/** Opendatasoft's Automation API: flat groups whose uids the server assigns; membership is its own resource. */
export const OPENDATASOFT: TargetProfile = {
  type: 'opendatasoft',
  name: 'Opendatasoft',
  capabilities: { nestedGroups: false, groupIds: 'assigned-by-target', userRemoval: 'delete', membership: 'resource' },
  configKeys: { user: [...COMMON_USER_KEYS, 'permissions'], userGroup: [...COMMON_GROUP_KEYS, 'permissions'] },
  userValueFields: userFields('firstname', 'lastname', 'email'),
}

/** The legacy GoodData Platform (/gdc): flat project groups matched by name; people leave a project by being disabled. */
export const GOODDATA_PLATFORM: TargetProfile = {
  type: 'gooddata-platform',
  name: 'the legacy GoodData Platform',
  capabilities: { nestedGroups: false, groupIds: 'assigned-by-target', userRemoval: 'disable', membership: 'resource' },
  configKeys: { user: [...COMMON_USER_KEYS, 'role'], userGroup: COMMON_GROUP_KEYS },
  userValueFields: userFields('firstname', 'lastname', 'email'),
}

/** Every target's profile, by `target.type`: the one place a target is registered in the core. */
export const TARGET_PROFILES: Readonly<Record<TargetType, TargetProfile>> = {
  'gooddata-cloud': GOODDATA_CLOUD,
  opendatasoft: OPENDATASOFT,
  'gooddata-platform': GOODDATA_PLATFORM,
}
