import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withScopedPermissions } from '../../scripts/permission-schema.js'
import { withUserTextFields } from '../../scripts/user-schema-fields.js'
import { TARGET_PROFILES } from '../../src/core/targets/profiles.js'
import { USER_TEXT_FIELDS } from '../../src/core/targets/user-fields.js'

const committed = readFileSync(new URL('../../schemas/users.schema.json', import.meta.url), 'utf8')
const schema = JSON.parse(committed) as { definitions: { user: { properties: Record<string, unknown> } } }

describe('users.schema.json follows the user field catalog', () => {
  it('is as npm run schemas writes it (run it after changing the catalog)', () => {
    expect(committed).toBe(`${JSON.stringify(withScopedPermissions(withUserTextFields(schema), 'user'), null, 2)}\n`)
  })

  it('groups.schema.json has the permission names of the model (run npm run schemas after changing them)', () => {
    const groups = readFileSync(new URL('../../schemas/groups.schema.json', import.meta.url), 'utf8')
    expect(groups).toBe(`${JSON.stringify(withScopedPermissions(JSON.parse(groups), 'userGroup'), null, 2)}\n`)
  })

  it('describes every catalog field as the catalog does', () => {
    for (const field of Object.values(USER_TEXT_FIELDS))
      expect(schema.definitions.user.properties[field.config]).toEqual(field.schema)
  })

  it('has a property for every user key a target profile accepts', () => {
    for (const profile of Object.values(TARGET_PROFILES)) {
      for (const key of profile.configKeys.user) expect(Object.keys(schema.definitions.user.properties)).toContain(key)
    }
  })

  it('refuses a property that is neither a catalog field nor a known one, rather than drop it', () => {
    const stray = {
      ...schema,
      definitions: {
        ...schema.definitions,
        user: { properties: { ...schema.definitions.user.properties, nickname: { type: 'string' } } },
      },
    }
    expect(() => withUserTextFields(stray)).toThrow(/nickname is neither in the user field catalog/)
  })
})
