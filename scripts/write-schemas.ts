import { readFileSync, writeFileSync } from 'node:fs'
import { withUserTextFields } from './user-schema-fields.js'

// `npm run schemas`: writes the catalog's user text fields into schemas/users.schema.json.
const path = new URL('../schemas/users.schema.json', import.meta.url)
const before = readFileSync(path, 'utf8')
const after = `${JSON.stringify(withUserTextFields(JSON.parse(before)), null, 2)}\n`
writeFileSync(path, after)
console.log(before === after ? 'schemas/users.schema.json is up to date' : 'wrote schemas/users.schema.json')
