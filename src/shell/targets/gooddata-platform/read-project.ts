import type { ActualState, ActualUser, ActualUserGroup, AutomaticProtection } from '../../../core/model/actual-state.js'
import { ApiError } from '../../http/api-error.js'
import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import { bodyOf } from '../../http/shape.js'
import { readTogether } from '../../http/read-together.js'
import type { GoodDataPlatformSession } from './gooddata-platform-session.js'
import {
  readDomainAccounts,
  readGroupsWithMembers,
  readProjectMembers,
  readRoles,
  type ListOptions,
} from './platform-lists.js'
import { PROFILE_URI } from './session-calls.js'
import { NAME_PLACEHOLDERS } from './write-bodies.js'
import { PROFILE, type PlatformPaths, type Profile, type ProjectMember } from './wire.js'

/** Other domains' accounts whose domain is looked up by name; past this many they are just "another domain". */
const MAX_DOMAIN_LOOKUPS = 20

/** A member of the project as writes need it: its URI, status and roles as read. */
export interface LiveUser {
  readonly login: string
  readonly uri: string
  status: 'ENABLED' | 'DISABLED'
  readonly roleUris: readonly string[]
}

/** What a read found that writes need and the actual state does not carry: the server's references. */
export interface LiveProject {
  /** Project members by login in lower case (logins match ignoring case). */
  readonly users: Map<string, LiveUser>
  /** The configured domain's accounts: profile URI by login in lower case. */
  readonly accounts: Map<string, string>
  /** Role URI by identifier. */
  readonly roles: ReadonlyMap<string, string>
  /** Groups by opaque id: URI and content as read, which a rename sends back whole. */
  readonly groups: Map<string, { readonly uri: string; readonly content: Readonly<Record<string, unknown>> }>
}

/** The live state of one project and domain, and the references its writes need. */
export async function readProject(
  client: HttpClient,
  session: GoodDataPlatformSession,
  place: { readonly paths: PlatformPaths; readonly project: string },
  options: ListOptions,
): Promise<{ state: ActualState; live: LiveProject }> {
  const { paths } = place
  const [me, accounts, members, roleNames, groups] = await readTogether([
    (signal: AbortSignal) => session.currentProfile(signal),
    (signal: AbortSignal) => readDomainAccounts(client, paths, { ...options, signal }),
    (signal: AbortSignal) => readProjectMembers(client, paths, { ...options, signal }),
    (signal: AbortSignal) => readRoles(client, paths, signal),
    (signal: AbortSignal) => readGroupsWithMembers(client, paths, place.project, { ...options, signal }),
  ])
  const accountUris = new Map(
    accounts.map((account) => [account.accountSetting.login.toLowerCase(), account.accountSetting.links.self]),
  )
  const groupsOf = new Map<string, string[]>()
  const live: LiveProject = {
    users: new Map(),
    accounts: accountUris,
    roles: new Map([...roleNames].map(([uri, name]) => [name, uri])),
    groups: new Map(),
  }
  const userGroups: ActualUserGroup[] = groups.map(({ group, members: memberUris }) => {
    const { content, links } = group.userGroup
    const id = decodeURIComponent(links.self.slice(links.self.lastIndexOf('/') + 1))
    live.groups.set(id, { uri: links.self, content })
    for (const uri of memberUris) groupsOf.set(uri, [...(groupsOf.get(uri) ?? []), id])
    return { id, ref: links.self, ...(content.name === '' ? {} : { name: content.name }), parents: [] }
  })
  const users = members.map((member) => actualUser(member, roleNames, groupsOf))
  for (const { user } of members) {
    const roleUris = (user.content.userRoles ?? []).map((uri) => uri.replace(/\/+$/, ''))
    live.users.set(user.content.login.toLowerCase(), {
      login: user.content.login,
      uri: user.links.self,
      status: user.content.status,
      roleUris,
    })
  }
  const strangers = members.filter(({ user }) => !accountUris.has(user.content.login.toLowerCase()))
  const protectedIds: AutomaticProtection[] = [
    { kind: 'user', id: await ownLogin(client, paths, me, members, accounts), reason: 'the logged-in user' },
    ...(await domainsOf(client, paths, strangers)).map(
      ([login, domain]) =>
        ({ kind: 'user', id: login, reason: `an account of another domain${domain ? ` (${domain})` : ''}` }) as const,
    ),
  ]
  return { state: { users, userGroups, protectedIds, roles: [...roleNames.values()] }, live }
}

/**
 * A member as the planner compares it: keyed by login; the profile URI as the reference; the
 * first role of `userRoles` by identifier; an e-mail equal to the login left out, since that is
 * what an account created without one holds (and what a config without one means); so are the
 * placeholders written for names not declared.
 */
function actualUser(
  member: ProjectMember,
  roleNames: ReadonlyMap<string, string>,
  groupsOf: ReadonlyMap<string, readonly string[]>,
): ActualUser {
  const { content, links } = member.user
  const present = (value: string | null | undefined) => (typeof value === 'string' && value !== '' ? value : undefined)
  const email = present(content.email)
  const firstname = content.firstname === NAME_PLACEHOLDERS.firstname ? undefined : present(content.firstname)
  const lastname = content.lastname === NAME_PLACEHOLDERS.lastname ? undefined : present(content.lastname)
  const role = roleNames.get((content.userRoles ?? [])[0]?.replace(/\/+$/, '') ?? '')
  return {
    id: content.login,
    ref: links.self,
    ...(firstname ? { firstname } : {}),
    ...(lastname ? { lastname } : {}),
    ...(email && email.toLowerCase() !== content.login.toLowerCase() ? { email } : {}),
    ...(role ? { role } : {}),
    disabled: content.status === 'DISABLED',
    userGroups: [...new Set(groupsOf.get(links.self) ?? [])].sort(),
    unmanaged: {},
  }
}

/** The logged-in user's login: from the lists when they hold the profile, else from the profile itself. */
async function ownLogin(
  client: HttpClient,
  paths: PlatformPaths,
  uri: string,
  members: readonly ProjectMember[],
  accounts: readonly { accountSetting: { login: string; links: { self: string } } }[],
) {
  const listed =
    members.find(({ user }) => user.links.self === uri)?.user.content.login ??
    accounts.find(({ accountSetting }) => accountSetting.links.self === uri)?.accountSetting.login
  return listed ?? (await readProfile(client, paths, uri)).accountSetting.login
}

/**
 * Each member of another domain with that domain's name where its profile says it (`links.domain`,
 * 2019+ servers, wire facts §A2.1); a profile this cannot read leaves the name unknown.
 */
async function domainsOf(
  client: HttpClient,
  paths: PlatformPaths,
  strangers: readonly ProjectMember[],
): Promise<[string, string | undefined][]> {
  return Promise.all(
    strangers.map(async ({ user }, index): Promise<[string, string | undefined]> => {
      if (index >= MAX_DOMAIN_LOOKUPS) return [user.content.login, undefined]
      try {
        const domain = (await readProfile(client, paths, user.links.self)).accountSetting.links?.domain
        return [user.content.login, domain ? /^\/gdc\/domains\/([A-Za-z0-9._-]{1,100})$/.exec(domain)?.[1] : undefined]
      } catch (error) {
        if (error instanceof ApiError) return [user.content.login, undefined]
        throw error
      }
    }),
  )
}

async function readProfile(client: HttpClient, paths: PlatformPaths, uri: string): Promise<Profile> {
  const request = { method: 'GET', path: paths.profile(decodeURIComponent(PROFILE_URI.exec(uri)![1]!)) } as const
  return checkedBody<Profile>(request, await client.request(request), bodyOf(PROFILE))
}
