import { DATA_SOURCE_PERMISSIONS, WORKSPACE_PERMISSIONS } from '../src/core/model/scoped-permissions.js'

type JsonObject = Record<string, unknown>

const ID = { $ref: '#/definitions/id' }

const DEFINITIONS = {
  workspacePermission: {
    title: 'Workspace permission',
    description: 'A GoodData Cloud workspace permission, as the API names it.',
    type: 'string',
    enum: [...WORKSPACE_PERMISSIONS],
  },
  dataSourcePermission: {
    title: 'Data source permission',
    description: 'A GoodData Cloud data source permission, as the API names it.',
    type: 'string',
    enum: [...DATA_SOURCE_PERMISSIONS],
  },
  workspacePermissionList: {
    type: 'array',
    uniqueItems: true,
    items: { $ref: '#/definitions/workspacePermission' },
  },
  workspacePermissions: {
    title: 'Workspace permissions (GoodData Cloud)',
    description:
      'GoodData Cloud only: permissions on workspaces, by workspace id. A list applies to that workspace alone; { permissions: [...], hierarchy: [...] } also grants the hierarchy list on every child workspace. Absent: the permissions held on workspaces are left as they are. On a full load, those on workspaces not listed are revoked; on an incremental load, only the listed workspaces change ([] revokes all on one).',
    type: 'object',
    propertyNames: ID,
    // if/then/else rather than anyOf: a wrong name inside either form is reported as itself.
    additionalProperties: {
      if: { type: 'array' },
      then: { $ref: '#/definitions/workspacePermissionList' },
      else: {
        type: 'object',
        additionalProperties: false,
        properties: {
          permissions: {
            $ref: '#/definitions/workspacePermissionList',
            description: 'Permissions on this workspace alone.',
          },
          hierarchy: {
            $ref: '#/definitions/workspacePermissionList',
            description: 'Permissions on this workspace and every workspace under it.',
          },
        },
      },
    },
    examples: [{ sales: ['ANALYZE'], emea: { hierarchy: ['VIEW'] } }],
  },
  dataSourcePermissions: {
    title: 'Data source permissions (GoodData Cloud)',
    description:
      'GoodData Cloud only: permissions on data sources, by data source id. Absent: left as they are. On a full load, those on data sources not listed are revoked; on an incremental load, only the listed data sources change.',
    type: 'object',
    propertyNames: ID,
    additionalProperties: {
      type: 'array',
      uniqueItems: true,
      items: { $ref: '#/definitions/dataSourcePermission' },
    },
    examples: [{ warehouse: ['USE'] }],
  },
}

/**
 * users.schema.json or groups.schema.json with GoodData Cloud's workspace and data-source
 * permissions, their names taken from src/core/model/scoped-permissions.ts.
 */
export function withScopedPermissions(schema: JsonObject, entity: 'user' | 'userGroup'): JsonObject {
  const definitions = schema['definitions'] as Record<string, JsonObject>
  const holder = definitions[entity]!
  const properties = {
    ...(holder['properties'] as JsonObject),
    workspace_permissions: { $ref: '#/definitions/workspacePermissions' },
    data_source_permissions: { $ref: '#/definitions/dataSourcePermissions' },
  }
  return { ...schema, definitions: { ...definitions, ...DEFINITIONS, [entity]: { ...holder, properties } } }
}
