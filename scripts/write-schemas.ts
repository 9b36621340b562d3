import { readFileSync, writeFileSync } from 'node:fs'
import { withScopedPermissions } from './permission-schema.js'
import { withUserTextFields } from './user-schema-fields.js'

// `npm run schemas`: writes the catalog's user text fields and GoodData Cloud's permission names
// into schemas/users.schema.json and schemas/groups.schema.json.
const SCHEMAS = [
  {
    file: 'users.schema.json',
    write: (schema: Record<string, unknown>) => withScopedPermissions(withUserTextFields(schema), 'user'),
  },
  {
    file: 'groups.schema.json',
    write: (schema: Record<string, unknown>) => withScopedPermissions(schema, 'userGroup'),
  },
]
for (const { file, write } of SCHEMAS) {
  const path = new URL(`../schemas/${file}`, import.meta.url)
  const before = readFileSync(path, 'utf8')
  const after = `${JSON.stringify(write(JSON.parse(before)), null, 2)}\n`
  writeFileSync(path, after)
  console.log(before === after ? `schemas/${file} is up to date` : `wrote schemas/${file}`)
}
