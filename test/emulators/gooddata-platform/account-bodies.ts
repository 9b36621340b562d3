import type { AuthenticationMode, StoredProfile } from './platform-state.js'

/** The profile fields an `accountSetting` write may carry, as the Ruby SDK sends them (wire facts §A2.3, §A3). */
export type AccountFields = Partial<
  Pick<
    StoredProfile,
    | 'login'
    | 'email'
    | 'firstName'
    | 'lastName'
    | 'password'
    | 'companyName'
    | 'position'
    | 'country'
    | 'phoneNumber'
    | 'timezone'
    | 'language'
    | 'ssoProvider'
    | 'authenticationModes'
    | 'ipWhitelist'
  >
>

/** A body read, or the one sentence that says why it cannot be. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

const TEXT = ['login', 'email', 'firstName', 'lastName', 'language'] as const
const NULLABLE_TEXT = ['companyName', 'position', 'country', 'phoneNumber', 'timezone', 'ssoProvider'] as const
const MODES: readonly AuthenticationMode[] = ['PASSWORD', 'SSO']

/**
 * `{"accountSetting": {...}}`. The rules are the old API documentation's (wire facts §A2.3):
 * names not empty, `password` at least 7 characters and equal to `verifyPassword`. Fields the
 * emulator does not know are ignored, as `links`, `created` and the like that a client echoes.
 */
export function readAccountSetting(body: unknown, creating: boolean): Read<AccountFields> {
  const setting = (body as { accountSetting?: unknown } | undefined)?.accountSetting
  if (!setting || typeof setting !== 'object' || Array.isArray(setting))
    return fail('Expected {"accountSetting": {...}}.')
  const sent = setting as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  for (const name of TEXT) {
    if (sent[name] === undefined) continue
    if (typeof sent[name] !== 'string') return fail(`"${name}" must be a string.`)
    fields[name] = sent[name]
  }
  for (const name of NULLABLE_TEXT) {
    if (sent[name] === undefined) continue
    if (sent[name] !== null && typeof sent[name] !== 'string') return fail(`"${name}" must be a string or null.`)
    fields[name] = sent[name]
  }
  const modes = sent['authenticationModes']
  if (modes !== undefined) {
    if (!Array.isArray(modes) || !modes.every((mode) => MODES.includes(mode)))
      return fail('"authenticationModes" must list PASSWORD and/or SSO.')
    fields['authenticationModes'] = [...new Set(modes)]
  }
  const whitelist = sent['ipWhitelist']
  if (whitelist !== undefined) {
    if (whitelist !== null && !(Array.isArray(whitelist) && whitelist.every((entry) => typeof entry === 'string')))
      return fail('"ipWhitelist" must be a list of CIDR strings or null.')
    fields['ipWhitelist'] = whitelist
  }
  for (const name of ['firstName', 'lastName'] as const) {
    const value = fields[name] as string | undefined
    if ((creating && value === undefined) || value?.trim() === '') return fail(`"${name}" must not be empty.`)
  }
  if (creating && !(typeof fields['login'] === 'string' && fields['login'].includes('@')))
    return fail('"login" must be an e-mail address.')
  const password = readPassword(sent, creating)
  if (!password.ok) return password
  if (password.value !== undefined) fields['password'] = password.value
  return { ok: true, value: fields as AccountFields }
}

function readPassword(sent: Record<string, unknown>, required: boolean): Read<string | undefined> {
  const { password, verifyPassword } = sent
  if (password === undefined && verifyPassword === undefined && !required) return { ok: true, value: undefined }
  if (typeof password !== 'string' || password.length < 7) return fail('"password" must have at least 7 characters.')
  if (verifyPassword !== password) return fail('"verifyPassword" must equal "password".')
  return { ok: true, value: password }
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message }
}
