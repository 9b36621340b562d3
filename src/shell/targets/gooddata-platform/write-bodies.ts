import { randomBytes } from 'node:crypto'
import type { UserFields } from '../../../core/model/change.js'

/**
 * A new account of the domain (wire facts §A2.3, as the Ruby SDK sends it): the login, the e-mail
 * (the login unless declared), the names (placeholders where none is declared), and a password twice. The platform takes no account
 * without a password, so one is made up, strong and random, and never kept: the user sets their
 * own through the platform's reset, or signs in through `ssoProvider`, which then is the account's
 * only way in (`authenticationModes: ["SSO"]`, fields the Ruby SDK sends on create).
 */
export function newAccount(login: string, fields: UserFields, password: string, ssoProvider: string | undefined) {
  const sso = ssoProvider === undefined ? {} : { ssoProvider, authenticationModes: ['SSO'] }
  return {
    accountSetting: { login, ...profileFields(login, fields), password, verifyPassword: password, ...sso },
  }
}

/**
 * The profile fields this tool manages, for a PUT (wire facts §A3): never `login`, which cannot
 * change, nor the password; the e-mail is the login unless declared, as on create.
 */
export function profileUpdate(login: string, fields: UserFields) {
  return { accountSetting: profileFields(login, fields) }
}

/**
 * What a name that is not declared is written as. The platform takes no account without first and
 * last names (wire facts §A2.3); the Ruby SDK, under the Users Brick, writes these two then
 * ([CODE] R2 `domain.rb#add_user`, `#update_user`), and a read takes them back as no name, so a
 * user declared without one stays as declared.
 */
export const NAME_PLACEHOLDERS = { firstname: 'FirstName', lastname: 'LastName' } as const

function profileFields(login: string, fields: UserFields) {
  return {
    firstName: fields.firstname ?? NAME_PLACEHOLDERS.firstname,
    lastName: fields.lastname ?? NAME_PLACEHOLDERS.lastname,
    email: fields.email ?? login,
  }
}

/** One user of `POST /gdc/projects/{pid}/users` (wire facts §A4.2): status, and roles when they change (they replace, never merge). */
export function projectUserItem(profileUri: string, status: 'ENABLED' | 'DISABLED', roleUris?: readonly string[]) {
  return {
    user: {
      content: { status, ...(roleUris === undefined ? {} : { userRoles: roleUris }) },
      links: { self: profileUri },
    },
  }
}

/** A new group of the project: its name; the id is the server's (wire facts §A6). */
export function newGroup(name: string, projectUri: string) {
  return { userGroup: { content: { name, project: projectUri } } }
}

/** A rename: the content as read with the new name, meta and links left out, as the recorded update sends it (wire facts §A6). */
export function renamedGroup(content: Readonly<Record<string, unknown>>, name: string) {
  return { userGroup: { content: { ...content, name } } }
}

/** ADD or REMOVE only: SET would drop every member this config does not name (wire facts §A6). */
export function modifyMembers(operation: 'ADD' | 'REMOVE', profileUris: readonly string[]) {
  return { modifyMembers: { operation, items: profileUris } }
}

/**
 * A password no one will type: 32 random base64url characters, plus one of each class a password
 * policy may ask for (the recorded minimum is 7 characters, wire facts §A2.3).
 */
export function randomPassword(): string {
  return `${randomBytes(24).toString('base64url')}-Aa9`
}
