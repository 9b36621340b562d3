/**
 * Every text field of a user that some target stores: its key in the model, its key in the config
 * files and how users.schema.json describes it. A new field is one line here and its key in the
 * profiles that store it; `npm run schemas` then writes it into the schema.
 */
export const USER_TEXT_FIELDS = {
  firstname: {
    config: 'firstname',
    schema: { $ref: '#/definitions/text', title: 'First name', description: 'Given name, at most 255 characters.' },
  },
  lastname: {
    config: 'lastname',
    schema: { $ref: '#/definitions/text', title: 'Last name', description: 'Family name, at most 255 characters.' },
  },
  email: {
    config: 'email',
    schema: {
      title: 'Email',
      description: 'Email address, at most 255 characters. An empty string means none.',
      type: 'string',
      maxLength: 255,
      anyOf: [{ format: 'email' }, { const: '' }],
    },
  },
  authId: {
    config: 'auth_id',
    schema: {
      $ref: '#/definitions/text',
      title: 'Authentication id',
      description:
        'The id the identity provider knows the user by (GoodData authenticationId), e.g. oidc|john.doe. An empty string means none.',
    },
  },
  role: {
    config: 'role',
    schema: {
      title: 'Project role (legacy GoodData Platform)',
      description:
        "Legacy GoodData Platform only: the user's project role, e.g. editorRole or readOnlyUserRole (editor and readOnlyUser work too). Defaults to gooddata_platform.default_role. Other targets reject this field.",
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9_]*$',
      maxLength: 255,
      examples: [
        'adminRole',
        'editorRole',
        'editorInviteRole',
        'editorUserAdminRole',
        'explorerRole',
        'readOnlyUserRole',
        'readOnlyNoExportRole',
        'explorerOnlyRole',
        'dashboardOnlyRole',
      ],
    },
  },
} as const

export type UserTextField = keyof typeof USER_TEXT_FIELDS

/** A text field of a user: its key in the model and its key in the config files. */
export interface UserValueField {
  readonly key: UserTextField
  readonly config: string
}

/** The fields named, in that order, as profiles list them. */
export function userFields(...keys: readonly UserTextField[]): readonly UserValueField[] {
  return keys.map((key) => ({ key, config: USER_TEXT_FIELDS[key].config }))
}

/** Every field of the catalog, in its order: what the loader reads from a user entry. */
export const ALL_USER_TEXT_FIELDS = userFields(...(Object.keys(USER_TEXT_FIELDS) as UserTextField[]))
