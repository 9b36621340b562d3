import { IdSource, Ticks } from './ids.js'
import { ADMIN_ROLE, roleByIdentifier, roleById } from './role-catalog.js'
import { Sessions, type TokenLifetime } from './sessions.js'

export type UserStatus = 'ENABLED' | 'DISABLED'
export type AuthenticationMode = 'PASSWORD' | 'SSO'

/** A user's account (profile) as the emulated server stores it; project membership is kept apart. */
export interface StoredProfile {
  readonly id: string
  login: string
  email: string
  firstName: string
  lastName: string
  /** None: the user cannot log in with a password (an SSO-only account). */
  password?: string
  /** The domain the account belongs to; only that domain lists it. */
  readonly domain: string
  domainAdmin: boolean
  companyName: string | null
  position: string | null
  country: string | null
  phoneNumber: string | null
  timezone: string | null
  language: string
  ssoProvider: string | null
  authenticationModes: AuthenticationMode[]
  ipWhitelist: string[] | null
  readonly created: string
  updated: string
}

/** A user's place in the project: role numbers and status, kept while DISABLED (wire facts §A4.1). */
export interface Membership {
  roles: number[]
  status: UserStatus
  readonly created: string
  updated: string
  readonly author: string
}

export interface StoredGroup {
  readonly id: string
  name: string
  description: string | null
  /** Profile ids, in the order they joined. */
  members: string[]
  readonly created: string
  updated: string
}

/** Lifetimes and the seed of the id sequences. */
export interface StateSettings {
  readonly randomSeed?: number
  readonly sst: TokenLifetime
  readonly tt: TokenLifetime
}

/** The in-memory domain and project: profiles by id, project members by profile id, groups by id. */
export class PlatformState {
  readonly domain: string
  readonly project: string
  readonly profiles = new Map<string, StoredProfile>()
  readonly members = new Map<string, Membership>()
  readonly groups = new Map<string, StoredGroup>()
  readonly sessions: Sessions
  private readonly ids: IdSource
  /** The project's creation time and owner, which role metadata names. */
  readonly projectCreated: string
  projectOwner = ''
  private readonly ticks = new Ticks()

  constructor(place: { readonly domain: string; readonly project: string }, settings: StateSettings) {
    this.domain = place.domain
    this.project = place.project
    this.ids = new IdSource((settings.randomSeed ?? 1) ^ 0x6dc)
    this.sessions = new Sessions(new IdSource((settings.randomSeed ?? 1) ^ 0x7ee), settings)
    this.projectCreated = this.now()
  }

  now(): string {
    return this.ticks.now()
  }

  /** Logins compare ignoring case, as the platform matches them. */
  profileByLogin(login: string): StoredProfile | undefined {
    const wanted = login.toLowerCase()
    for (const profile of this.profiles.values()) if (profile.login.toLowerCase() === wanted) return profile
    return undefined
  }

  /** `/gdc/account/profile/{id}`, or `/gdc/account/profile/{login}` as project-user writes may send it (wire facts §A4.2). */
  profileByUri(uri: string): StoredProfile | undefined {
    const match = /^\/gdc\/account\/profile\/([^/]+)$/.exec(uri)
    if (!match) return undefined
    return this.profiles.get(match[1]!) ?? this.profileByLogin(match[1]!)
  }

  /** This domain's accounts in the order they were created. */
  domainProfiles(): StoredProfile[] {
    return [...this.profiles.values()].filter((profile) => profile.domain === this.domain)
  }

  addProfile(fields: Omit<StoredProfile, 'id' | 'created' | 'updated'> & { readonly id?: string }): StoredProfile {
    const created = this.now()
    const profile: StoredProfile = {
      ...fields,
      id: fields.id ?? this.unusedId(() => this.ids.profileId(), this.profiles),
      created,
      updated: created,
    }
    this.profiles.set(profile.id, profile)
    return profile
  }

  /** The account is gone everywhere: project, groups, sessions. */
  deleteProfile(id: string): void {
    this.removeMember(id)
    this.profiles.delete(id)
    this.sessions.closeAllOf(id)
  }

  /** Assumption: leaving the project also leaves its groups, which are the project's own (wire facts §A6). */
  removeMember(id: string): void {
    this.members.delete(id)
    for (const group of this.groups.values()) group.members = group.members.filter((member) => member !== id)
  }

  /**
   * Whether applying `changes` (undefined: the member leaves) would take the project's last
   * ENABLED holder of adminRole away; a project that has none already is not held to it.
   */
  losesLastAdmin(changes: ReadonlyMap<string, Pick<Membership, 'roles' | 'status'> | undefined>): boolean {
    const admin = roleByIdentifier(ADMIN_ROLE)!.id
    const isAdmin = (member: Pick<Membership, 'roles' | 'status'> | undefined) =>
      member?.status === 'ENABLED' && member.roles.includes(admin)
    const before = [...this.members].filter(([, member]) => isAdmin(member)).map(([id]) => id)
    if (before.length === 0) return false
    const kept = before.filter((id) => !changes.has(id) || isAdmin(changes.get(id)))
    return kept.length === 0 && ![...changes.values()].some(isAdmin)
  }

  createGroup(name: string, description: string | null, id?: string): StoredGroup {
    const created = this.now()
    const group: StoredGroup = {
      id: id ?? this.unusedId(() => this.ids.groupId(), this.groups),
      name,
      description,
      members: [],
      created,
      updated: created,
    }
    this.groups.set(group.id, group)
    return group
  }

  /** The project's groups ordered by id, which is what a group-id `offset` pages through (wire facts §A6). */
  sortedGroups(): StoredGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** A login's place in the project, by role identifier: for tests checking what a client changed. */
  membershipOf(login: string): { roles: string[]; status: UserStatus } | undefined {
    const member = this.members.get(this.profileByLogin(login)?.id ?? '')
    return member && { roles: member.roles.map((id) => roleById(id)!.identifier), status: member.status }
  }

  /** The logins of a group's members, by group name. */
  groupMembers(name: string): string[] | undefined {
    const group = [...this.groups.values()].find((each) => each.name === name)
    return group?.members.map((id) => this.profiles.get(id)!.login)
  }

  /** A plain copy, for tests comparing state. */
  snapshot() {
    const login = (id: string) => this.profiles.get(id)!.login
    return {
      users: [...this.profiles.values()].map(({ password: _password, ...profile }) => structuredClone(profile)),
      members: Object.fromEntries([...this.members.keys()].map((id) => [login(id), this.membershipOf(login(id))!])),
      groups: this.sortedGroups().map((group) => ({ ...structuredClone(group), members: group.members.map(login) })),
    }
  }

  private unusedId(draw: () => string, taken: ReadonlyMap<string, unknown>): string {
    let id = draw()
    while (taken.has(id)) id = draw()
    return id
  }
}

/** What a new account holds until set, as the recorded create-then-get shows (domain_user_lookup_create_get.yaml). */
export const NEW_PROFILE_DEFAULTS = {
  companyName: null,
  position: null,
  country: null,
  phoneNumber: null,
  timezone: null,
  language: 'en-US',
  ipWhitelist: null,
} as const
