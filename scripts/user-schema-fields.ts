import { USER_TEXT_FIELDS } from '../src/core/targets/user-fields.js'

type JsonObject = Record<string, unknown>

/** The user properties that are not text fields of the catalog: written by hand in the schema. */
const OTHER_USER_PROPERTIES = new Set([
  'user_id',
  'user_groups',
  'is_active',
  'permissions',
  'workspace_permissions',
  'data_source_permissions',
])

/**
 * users.schema.json with its user text fields as the catalog (src/core/targets/user-fields.ts)
 * describes them: after user_id, in the catalog's order, before the other properties.
 */
export function withUserTextFields(schema: JsonObject): JsonObject {
  const user = (schema['definitions'] as Record<string, JsonObject>)['user']!
  const properties = user['properties'] as Record<string, unknown>
  const textKeys = new Set<string>(Object.values(USER_TEXT_FIELDS).map((field) => field.config))
  const stray = Object.keys(properties).filter((key) => !textKeys.has(key) && !OTHER_USER_PROPERTIES.has(key))
  if (stray.length > 0)
    throw new Error(
      `users.schema.json: ${stray.join(', ')} is neither in the user field catalog nor in OTHER_USER_PROPERTIES; add it to one, or remove it from the schema`,
    )
  const { user_id: id, ...rest } = properties
  const others = Object.entries(rest).filter(([key]) => !textKeys.has(key))
  const text = Object.values(USER_TEXT_FIELDS).map((field) => [field.config, field.schema] as const)
  const definitions = {
    ...(schema['definitions'] as JsonObject),
    user: { ...user, properties: Object.fromEntries([['user_id', id], ...text, ...others]) },
  }
  return { ...schema, definitions }
}
