import { listOf, matching, nonEmptyText, object, optional, text, type Shape } from '../../http/shape.js'
import { PROFILE_URI } from './session-calls.js'

/** The project and the user domain one config provisions. */
export interface Place {
  readonly domain: string
  readonly project: string
}

const segment = encodeURIComponent

/** The resources of one domain and project (wire facts §A2–§A6). */
export function platformPaths(place: Place) {
  const project = `/gdc/projects/${segment(place.project)}`
  return {
    project,
    domainUsers: `/gdc/account/domains/${segment(place.domain)}/users`,
    profile: (id: string) => `/gdc/account/profile/${segment(id)}`,
    projectUsers: `${project}/users`,
    projectUser: (id: string) => `${project}/users/${segment(id)}`,
    roles: `${project}/roles`,
    groups: '/gdc/userGroups',
  } as const
}

export type PlatformPaths = ReturnType<typeof platformPaths>

/** A group's URI as the platform writes it; its last segment is the opaque id (wire facts §A0, §A6). */
export const GROUP_URI = /^\/gdc\/userGroups\/([^/?#]+)$/

const profileUri = matching(PROFILE_URI, 'a profile URI')
const groupUri = matching(GROUP_URI, 'a user group URI')
const nextLink = optional(text)

/** One account of the domain, as the list gives it (wire facts §A2.1): what matters here is its login and URI. */
export interface DomainAccount {
  readonly accountSetting: { readonly login: string; readonly links: { readonly self: string } }
}

export const DOMAIN_USERS_PAGE: Shape = object({
  accountSettings: object({
    paging: optional(object({ next: nextLink })),
    items: listOf(object({ accountSetting: object({ login: nonEmptyText, links: object({ self: profileUri }) }) })),
  }),
})

/** One member of the project, as its user list gives it (wire facts §A4.1): lower-case names here. */
export interface ProjectMember {
  readonly user: {
    readonly content: {
      readonly login: string
      readonly email?: string | null
      readonly firstname?: string | null
      readonly lastname?: string | null
      readonly status: 'ENABLED' | 'DISABLED'
      readonly userRoles?: readonly string[] | null
    }
    readonly links: { readonly self: string }
  }
}

export const PROJECT_USERS_PAGE: Shape = object({
  users: listOf(
    object({
      user: object({
        content: object({
          login: nonEmptyText,
          email: optional(text),
          firstname: optional(text),
          lastname: optional(text),
          status: matching(/^(ENABLED|DISABLED)$/, 'ENABLED or DISABLED'),
          userRoles: optional(listOf(nonEmptyText)),
        }),
        links: object({ self: profileUri }),
      }),
    }),
  ),
})

/** A role's detail: its identifier (adminRole) is its name; numbers and titles are not (wire facts §A5). */
export const ROLE_DETAIL: Shape = object({ projectRole: object({ meta: object({ identifier: nonEmptyText }) }) })

/** A group as the list gives it (wire facts §A6); `content` is kept whole, as a rename sends it back. */
export interface GroupItem {
  readonly userGroup: {
    readonly content: { readonly name: string; readonly [field: string]: unknown }
    readonly links: { readonly self: string }
  }
}

export const GROUPS_PAGE: Shape = object({
  userGroups: object({
    paging: optional(object({ next: nextLink })),
    items: listOf(
      object({ userGroup: object({ content: object({ name: text }), links: object({ self: groupUri }) }) }),
    ),
  }),
})

/** A member: a user's profile URI; a `userGroup` item (never made through the API, wire facts §A6) has none. */
export interface MemberItem {
  readonly user?: { readonly links: { readonly self: string } }
}

export const MEMBERS_PAGE: Shape = object({
  userGroupMembers: object({
    paging: optional(object({ next: nextLink })),
    items: listOf(object({ user: optional(object({ links: object({ self: profileUri }) })) })),
  }),
})

/** A profile (wire facts §A3): its login, and the domain it belongs to where the server says (2019+). */
export interface Profile {
  readonly accountSetting: { readonly login: string; readonly links?: { readonly domain?: string | null } | null }
}

export const PROFILE: Shape = object({
  accountSetting: object({ login: nonEmptyText, links: optional(object({ domain: optional(text) })) }),
})

/** A create's answer: `{uri}` (wire facts §A2.3, §A6). */
export const CREATED = (uri: Shape): Shape => object({ uri })
export const CREATED_PROFILE = CREATED(profileUri)
export const CREATED_GROUP = CREATED(groupUri)

/** `{projectUsersUpdateResult: {successful: [uri…], failed: [{user, message}…]}}` (wire facts §A4.2). */
export interface ProjectUsersResult {
  readonly projectUsersUpdateResult: {
    readonly successful: readonly string[]
    readonly failed: readonly { readonly user: string; readonly message?: string | null }[]
  }
}

export const PROJECT_USERS_RESULT: Shape = object({
  projectUsersUpdateResult: object({
    successful: listOf(text),
    failed: listOf(object({ user: text, message: optional(text) })),
  }),
})
