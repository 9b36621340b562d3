import { NEW_PROFILE_DEFAULTS, type AuthenticationMode, type PlatformState, type UserStatus } from './platform-state.js'
import { roleByIdentifier } from './role-catalog.js'

/** A seeded user: the login is all that is needed. */
export interface UserSeed {
  readonly login: string
  readonly password?: string
  readonly firstName?: string
  readonly lastName?: string
  /** The login when not given. */
  readonly email?: string
  /** 32 lowercase hex; drawn from the seeded sequence when not given. */
  readonly id?: string
  /** Another domain's user: listed among the project's users, never among this domain's. */
  readonly domain?: string
  readonly domainAdmin?: boolean
  readonly ssoProvider?: string
  readonly authenticationModes?: readonly AuthenticationMode[]
  /** The user's role identifier in the project (`editorRole`); none: not a member of the project. */
  readonly role?: string
  readonly status?: UserStatus
}

/** A seeded user group of the project; members are logins. */
export interface GroupSeed {
  readonly name: string
  readonly description?: string
  readonly id?: string
  readonly members?: readonly string[]
}

/** What an emulated domain and its one project start with. */
export interface PlatformSeed {
  readonly domain?: string
  readonly project?: string
  readonly users?: readonly UserSeed[]
  readonly groups?: readonly GroupSeed[]
}

/** The default seed's domain admin, who is also the project's admin. */
export const DEFAULT_LOGIN = 'admin@example.com'
/** Seven characters at least, the platform's minimum (wire facts §A2.3). */
export const DEFAULT_PASSWORD = 'emulator-password'
export const DEFAULT_DOMAIN = 'example-domain'
/** 32 characters of [a-z0-9], the recorded project-id shape (wire facts §A0). */
export const DEFAULT_PROJECT = 'emulatorproject00000000000000001'

/** Without a seed: one domain admin holding the project's adminRole. */
export const DEFAULT_SEED: PlatformSeed = {
  users: [
    {
      login: DEFAULT_LOGIN,
      password: DEFAULT_PASSWORD,
      firstName: 'Domain',
      lastName: 'Admin',
      domainAdmin: true,
      role: 'adminRole',
    },
  ],
}

/**
 * Fills a new state: accounts first, then memberships, which name the project's owner (the first
 * domain admin of this domain, else the first user) as their author, then groups. `password`
 * replaces the owner's password.
 */
export function seedState(state: PlatformState, seed: PlatformSeed, password?: string): void {
  const users = seed.users ?? DEFAULT_SEED.users!
  const logins = new Set<string>()
  const profiles = users.map((user) => {
    // Logins are unique across every domain (wire facts §A2.3), ignoring case.
    if (logins.has(user.login.toLowerCase())) throw new Error(`the login "${user.login}" is seeded twice`)
    logins.add(user.login.toLowerCase())
    if (user.id !== undefined && state.profiles.has(user.id))
      throw new Error(`the profile id "${user.id}" is seeded twice`)
    return state.addProfile({
      ...(user.id === undefined ? {} : { id: user.id }),
      ...(user.password === undefined ? {} : { password: user.password }),
      login: user.login,
      email: user.email ?? user.login,
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      domain: user.domain ?? state.domain,
      domainAdmin: user.domainAdmin ?? false,
      ...NEW_PROFILE_DEFAULTS,
      ssoProvider: user.ssoProvider ?? null,
      // Accounts made over the API have none until set (domain_user_lookup_create_get.yaml).
      authenticationModes: [...(user.authenticationModes ?? [])],
    })
  })
  const owner =
    profiles[
      Math.max(
        0,
        users.findIndex((user) => user.domainAdmin && (user.domain ?? state.domain) === state.domain),
      )
    ]
  state.projectOwner = owner?.id ?? ''
  if (owner && password !== undefined) owner.password = password
  users.forEach((user, index) => {
    if (user.role === undefined) return
    const role = roleByIdentifier(user.role)
    if (!role) throw new Error(`user "${user.login}" has role "${user.role}", which is not a standard role`)
    const at = state.now()
    state.members.set(profiles[index]!.id, {
      roles: [role.id],
      status: user.status ?? 'ENABLED',
      created: at,
      updated: at,
      author: state.projectOwner,
    })
  })
  for (const group of seed.groups ?? []) {
    const created = state.createGroup(group.name, group.description ?? null, group.id)
    for (const login of group.members ?? []) {
      const profile = state.profileByLogin(login)
      if (!profile) throw new Error(`group "${group.name}" lists "${login}", who is not among the seeded users`)
      created.members.push(profile.id)
    }
  }
}
