import { groupUidBase, unique, usernameBase } from './derived-names.js'
import { ADMIN_PERMISSION } from './permissions.js'

export type AccountType = 'global' | 'linked' | 'local'

/** A user's or group's quota; kept as sent. */
export interface ExploreLimits {
  readonly api_calls?: { readonly limit: number; readonly unit: string }
}

/** A user of the domain as the emulated server stores it; memberships live on the groups. */
export interface StoredUser {
  username: string
  email: string
  first_name: string
  last_name: string
  /** Granted directly, not through a group. */
  permissions: string[]
  is_ods: boolean
  is_active: boolean
  account_type: AccountType
  /** Uids of the identity providers the account signs in with. */
  identity_providers: string[]
  explore_limits?: ExploreLimits
  joined_at: string
}

/** A user group as the emulated server stores it. */
export interface StoredGroup {
  uid: string
  title: string
  description: string
  permissions: string[]
  /** Usernames, in the order they joined. */
  members: string[]
  explore_limits?: ExploreLimits
  created_at: string
  updated_at: string
  created_by: string
  updated_by: string
}

/** A seeded user: only username and email are needed. */
export type UserSeed = Pick<StoredUser, 'username' | 'email'> &
  Partial<Omit<StoredUser, 'username' | 'email' | 'joined_at'>>

/** A seeded group: its uid is derived from the title when not given; members are usernames. */
export type GroupSeed = Pick<StoredGroup, 'title'> &
  Partial<Pick<StoredGroup, 'uid' | 'description' | 'permissions' | 'members' | 'explore_limits'>>

/** What an emulated domain starts with. */
export interface DomainSeed {
  /** The user the default API key belongs to; must be one of `users`. */
  readonly apiKeyUser?: string
  readonly users?: readonly UserSeed[]
  readonly groups?: readonly GroupSeed[]
}

/** Without a seed: the API key's own administrator and an Opendatasoft staff account. */
export const DEFAULT_DOMAIN: DomainSeed = {
  apiKeyUser: 'admin',
  users: [
    {
      username: 'admin',
      email: 'admin@example.com',
      first_name: 'Domain',
      last_name: 'Admin',
      permissions: [ADMIN_PERMISSION],
    },
    {
      username: 'ods.support',
      email: 'support@opendatasoft.example',
      first_name: 'Opendatasoft',
      last_name: 'Support',
      is_ods: true,
    },
  ],
}

/** The new user's fields; the username is derived from the e-mail when not given. */
export type NewUser = Pick<StoredUser, 'email'> & Partial<Omit<StoredUser, 'email' | 'joined_at'>>

/** The in-memory domain: users by username, groups by uid. */
export class DomainState {
  readonly apiKeyUser: string
  readonly users = new Map<string, StoredUser>()
  readonly groups = new Map<string, StoredGroup>()
  private ticks = 0

  constructor(seed: DomainSeed = DEFAULT_DOMAIN) {
    this.apiKeyUser = seed.apiKeyUser ?? 'admin'
    for (const user of seed.users ?? DEFAULT_DOMAIN.users!) this.addUser(structuredClone(user))
    if (!this.users.has(this.apiKeyUser))
      throw new Error(`the API key's user "${this.apiKeyUser}" is not among the seeded users`)
    for (const { members = [], ...group } of seed.groups ?? []) {
      const created = this.createGroup(structuredClone(group), this.apiKeyUser, group.uid)
      for (const username of members) {
        if (!this.users.has(username))
          throw new Error(`group "${group.title}" lists "${username}", who is not among the seeded users`)
        this.addMember(created, username)
      }
    }
  }

  /** A timestamp one second after the last: deterministic, and strictly ordered for the `updated_at` sort. */
  now(): string {
    return new Date(Date.UTC(2024, 0, 1) + 1000 * this.ticks++).toISOString().replace('.000Z', 'Z')
  }

  /** By username: the description names no default order for users (our assumption). */
  sortedUsers(): StoredUser[] {
    return [...this.users.values()].sort((a, b) => compare(a.username, b.username))
  }

  /** By `updated_at`, the description's default sort for groups, oldest first; then by uid. */
  sortedGroups(): StoredGroup[] {
    return [...this.groups.values()].sort((a, b) => compare(a.updated_at, b.updated_at) || compare(a.uid, b.uid))
  }

  groupsOf(username: string): StoredGroup[] {
    return [...this.groups.values()]
      .filter((group) => group.members.includes(username))
      .sort((a, b) => compare(a.uid, b.uid))
  }

  /** groupsOf for many users at once: one pass over the groups, for a page of a list. */
  membershipIndex(): (username: string) => StoredGroup[] {
    const index = new Map<string, StoredGroup[]>()
    for (const group of [...this.groups.values()].sort((a, b) => compare(a.uid, b.uid))) {
      for (const member of group.members) index.set(member, [...(index.get(member) ?? []), group])
    }
    return (username) => index.get(username) ?? []
  }

  /** E-mail addresses compare case-insensitively, as accounts are looked up by them. */
  userByEmail(email: string): StoredUser | undefined {
    const wanted = email.toLowerCase()
    return [...this.users.values()].find((user) => user.email.toLowerCase() === wanted)
  }

  addUser(fields: NewUser): StoredUser {
    const username = fields.username ?? unique(usernameBase(fields.email), (name) => this.users.has(name))
    const user: StoredUser = {
      first_name: '',
      last_name: '',
      permissions: [],
      is_ods: false,
      is_active: true,
      account_type: 'global',
      identity_providers: ['opendatasoft'],
      ...fields,
      username,
      joined_at: this.now(),
    }
    this.users.set(username, user)
    return user
  }

  /** `uid` is for seeds only: over the API it is read-only and derived from the title (wire facts §C O4). */
  createGroup(fields: Omit<GroupSeed, 'members' | 'uid'>, by: string, uid?: string): StoredGroup {
    const at = this.now()
    const group: StoredGroup = {
      description: '',
      permissions: [],
      ...fields,
      uid: uid ?? unique(groupUidBase(fields.title), (name) => this.groups.has(name)),
      members: [],
      created_at: at,
      updated_at: at,
      created_by: by,
      updated_by: by,
    }
    this.groups.set(group.uid, group)
    return group
  }

  touch(group: StoredGroup, by: string): void {
    group.updated_at = this.now()
    group.updated_by = by
  }

  addMember(group: StoredGroup, username: string): void {
    if (!group.members.includes(username)) group.members.push(username)
  }

  /** Makes `uids` the user's groups, exactly. */
  setGroupsOf(username: string, uids: readonly string[]): void {
    for (const group of this.groups.values()) {
      if (uids.includes(group.uid)) this.addMember(group, username)
      else group.members = group.members.filter((member) => member !== username)
    }
  }

  /** Removes the user from the domain and from every group. */
  deleteUser(username: string): void {
    this.setGroupsOf(username, [])
    this.users.delete(username)
  }

  /** Direct permissions and those of the user's groups. */
  permissionsOf(username: string): Set<string> {
    const direct = this.users.get(username)?.permissions ?? []
    return new Set([...direct, ...this.groupsOf(username).flatMap((group) => group.permissions)])
  }

  /** Whether `username` is the only user holding `edit_domain`, directly or through a group; staff accounts count. */
  isLastAdmin(username: string): boolean {
    if (!this.permissionsOf(username).has(ADMIN_PERMISSION)) return false
    // One pass over direct grants and admin groups' members, not every user's groups: deletes stay cheap in a large domain.
    const holders = new Set(
      [...this.users.values()]
        .filter((user) => user.permissions.includes(ADMIN_PERMISSION))
        .map((user) => user.username),
    )
    for (const group of this.groups.values())
      if (group.permissions.includes(ADMIN_PERMISSION)) for (const member of group.members) holders.add(member)
    return holders.size === 1
  }

  /** A plain copy, for tests comparing state. */
  snapshot() {
    return { users: structuredClone(this.sortedUsers()), groups: structuredClone(this.sortedGroups()) }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
