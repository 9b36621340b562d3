import type { Membership, PlatformState, StoredGroup, StoredProfile } from './platform-state.js'

export const profileUri = (id: string) => `/gdc/account/profile/${id}`
export const projectUri = (project: string) => `/gdc/projects/${project}`
export const roleUri = (project: string, role: number) => `/gdc/projects/${project}/roles/${role}`
export const groupUri = (id: string) => `/gdc/userGroups/${id}`

/** A profile as GET answers it, with the links of the 2019+ servers (wire facts §A2.1). */
export function accountSetting(profile: StoredProfile) {
  const self = profileUri(profile.id)
  return {
    accountSetting: {
      links: {
        self,
        projects: `${self}/projects`,
        auditEvents: `${self}/auditEvents`,
        domain: `/gdc/domains/${profile.domain}`,
      },
      firstName: profile.firstName,
      lastName: profile.lastName,
      companyName: profile.companyName,
      position: profile.position,
      created: profile.created,
      updated: profile.updated,
      country: profile.country,
      phoneNumber: profile.phoneNumber,
      authenticationModes: [...profile.authenticationModes],
      login: profile.login,
      timezone: profile.timezone,
      ssoProvider: profile.ssoProvider,
      email: profile.email,
      language: profile.language,
      ipWhitelist: profile.ipWhitelist && [...profile.ipWhitelist],
      effectiveIpWhitelist: profile.ipWhitelist && [...profile.ipWhitelist],
    },
  }
}

/** A project member as the project's user list answers it: lower-case `firstname` here, camelCase in profiles (wire facts §A4.1). */
export function projectUser(state: PlatformState, profile: StoredProfile, member: Membership) {
  const project = projectUri(state.project)
  const self = profileUri(profile.id)
  return {
    user: {
      content: {
        email: profile.email,
        firstname: profile.firstName,
        userRoles: member.roles.map((role) => roleUri(state.project, role)),
        phonenumber: profile.phoneNumber,
        status: member.status,
        lastname: profile.lastName,
        login: profile.login,
      },
      links: {
        roles: `${project}/users/${profile.id}/roles`,
        permissions: `${project}/users/${profile.id}/permissions`,
        self,
        projects: `${self}/projects`,
        projectRelUri: `${project}/users/${profile.id}`,
      },
      meta: {
        created: member.created,
        updated: member.updated,
        author: profileUri(member.author),
        title: `${profile.firstName} ${profile.lastName}`,
        contributor: profileUri(member.author),
      },
    },
  }
}

/** A user group in the 2022 servers' key order (user_group_create_and_get.yaml). */
export function userGroup(state: PlatformState, group: StoredGroup) {
  const self = groupUri(group.id)
  return {
    userGroup: {
      content: {
        name: group.name,
        description: group.description,
        project: projectUri(state.project),
        domain: null,
        id: group.id,
      },
      meta: { created: group.created, updated: group.updated },
      links: { self, members: `${self}/members`, modifyMembers: `${self}/modifyMembers` },
    },
  }
}

export function groupMember(profile: StoredProfile) {
  return {
    user: {
      content: { firstName: profile.firstName, lastName: profile.lastName },
      links: { self: profileUri(profile.id) },
    },
  }
}

/** `limit` as asked up to 1000, `fallback` when absent; offsets from 0 (wire facts §C G2). */
export function readLimit(query: URLSearchParams, fallback: number): number {
  const asked = Number(query.get('limit') ?? fallback)
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : fallback
}

export function readOffset(query: URLSearchParams): number {
  const asked = Number(query.get('offset') ?? 0)
  return Number.isInteger(asked) && asked > 0 ? asked : 0
}

/**
 * A page of a list paged by id (user groups, group members): `offset` names the id the page
 * starts at, not an index (wire facts §A6); the first item whose id is not smaller than it
 * starts the page, so a cursor stays usable after its item was deleted. `next` is a usable path
 * of the same resource carrying the next page's first id and the limit (wire facts §C G1).
 */
export function idPage<T extends { readonly id: string }>(
  sorted: readonly T[],
  query: URLSearchParams,
  path: (next: URLSearchParams) => string,
) {
  const offset = query.get('offset')
  const limit = readLimit(query, 1000)
  const start = offset === null ? 0 : sorted.findIndex((item) => item.id >= offset)
  const items = start < 0 ? [] : sorted.slice(start, start + limit)
  const following = start < 0 ? undefined : sorted[start + limit]
  const nextQuery = new URLSearchParams(query)
  if (following) nextQuery.set('offset', following.id)
  nextQuery.set('limit', String(limit))
  return { items, paging: { offset, limit, next: following ? path(nextQuery) : null } }
}
