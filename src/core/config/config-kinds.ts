import usersSchema from '../../../schemas/users.schema.json' with { type: 'json' }
import groupsSchema from '../../../schemas/groups.schema.json' with { type: 'json' }
import provisioningSchema from '../../../schemas/provisioning.schema.json' with { type: 'json' }

/** The three kinds of config file, each with its schema and the list it holds. */
export const CONFIG_KINDS = {
  users: {
    schema: usersSchema,
    listKey: 'users',
    entity: 'user',
    idKey: 'user_id',
    fileHint: 'users.yaml or users/*.yaml',
  },
  groups: {
    schema: groupsSchema,
    listKey: 'user_groups',
    entity: 'user group',
    idKey: 'user_group_id',
    fileHint: 'groups.yaml or groups/*.yaml',
  },
  provisioning: {
    schema: provisioningSchema,
    listKey: undefined,
    entity: 'setting',
    idKey: undefined,
    fileHint: 'provisioning.yaml',
  },
} as const

export type ConfigKind = keyof typeof CONFIG_KINDS
