import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import { bodyOf, listOf, matching, object } from '../../http/shape.js'
import { readTogether } from '../../http/read-together.js'
import { afterFullPage, readPages, type PagedList, type ReadPagesOptions } from './read-pages.js'
import {
  DOMAIN_USERS_PAGE,
  GROUPS_PAGE,
  MEMBERS_PAGE,
  PROJECT_USERS_PAGE,
  ROLE_DETAIL,
  type DomainAccount,
  type GroupItem,
  type MemberItem,
  type PlatformPaths,
  type ProjectMember,
} from './wire.js'

/** How the lists are read: where, how far, and the page size of the offset lists (smaller only in tests). */
export interface ListOptions extends ReadPagesOptions {
  readonly pageSize: number
}

type Page<K extends string, T> = {
  readonly [key in K]: { readonly paging?: { readonly next?: string | null } | null; readonly items: readonly T[] }
}

/**
 * The domain's accounts: `offset`/`limit` asked for, `paging.next` followed when the server names
 * one, else a full page means another (wire facts §A2.1, §C G1). Logins are unique across domains.
 */
export function readDomainAccounts(
  client: HttpClient,
  paths: PlatformPaths,
  options: ListOptions,
): Promise<DomainAccount[]> {
  const list: PagedList<DomainAccount, Page<'accountSettings', DomainAccount>> = {
    path: paths.domainUsers,
    query: { offset: '0', limit: String(options.pageSize) },
    shape: DOMAIN_USERS_PAGE,
    page: ({ accountSettings }) => ({ items: accountSettings.items, next: accountSettings.paging?.next }),
    idOf: (item) => item.accountSetting.links.self,
    following: afterFullPage(options.pageSize),
  }
  return readPages(client, list, options)
}

/** The project's members, DISABLED ones too: no paging object at all, so a full page means another (wire facts §A4.1, §C G2). */
export function readProjectMembers(
  client: HttpClient,
  paths: PlatformPaths,
  options: ListOptions,
): Promise<ProjectMember[]> {
  const list: PagedList<ProjectMember, { readonly users: readonly ProjectMember[] }> = {
    path: paths.projectUsers,
    query: { offset: '0', limit: String(options.pageSize) },
    shape: PROJECT_USERS_PAGE,
    page: ({ users }) => ({ items: users }),
    idOf: (item) => item.user.links.self,
    following: afterFullPage(options.pageSize),
  }
  return readPages(client, list, options)
}

/** The project's groups as recorded, `?project={pid}` alone, then each `next` (wire facts §A6: its offset is a group id). */
export function readGroups(
  client: HttpClient,
  paths: PlatformPaths,
  project: string,
  options: ReadPagesOptions,
): Promise<GroupItem[]> {
  const list: PagedList<GroupItem, Page<'userGroups', GroupItem>> = {
    path: paths.groups,
    query: { project },
    shape: GROUPS_PAGE,
    page: ({ userGroups }) => ({ items: userGroups.items, next: userGroups.paging?.next }),
    idOf: (item) => item.userGroup.links.self,
  }
  return readPages(client, list, options)
}

/** The profile URIs of a group's direct members, paged as the group list (wire facts §A6). */
export async function readMembers(client: HttpClient, groupUri: string, options: ReadPagesOptions): Promise<string[]> {
  const list: PagedList<MemberItem, Page<'userGroupMembers', MemberItem>> = {
    path: `${groupUri}/members`,
    query: {},
    shape: MEMBERS_PAGE,
    page: ({ userGroupMembers }) => ({
      items: userGroupMembers.items.filter((item) => item.user !== undefined),
      next: userGroupMembers.paging?.next,
    }),
    idOf: (item) => item.user!.links.self,
  }
  return (await readPages(client, list, options)).map((item) => item.user!.links.self)
}

/** Every group with its members; one failed read stops the others. */
export async function readGroupsWithMembers(
  client: HttpClient,
  paths: PlatformPaths,
  project: string,
  options: ReadPagesOptions,
) {
  const groups = await readGroups(client, paths, project, options)
  const members = await readTogether(
    groups.map(
      (group) => (signal: AbortSignal) => readMembers(client, group.userGroup.links.self, { ...options, signal }),
    ),
    options.signal,
  )
  return groups.map((group, index) => ({ group, members: members[index]! }))
}

/**
 * Role URI → identifier, from the public list and each role's detail (wire facts §C G5, §A5):
 * identifiers are the names; the numbers are the server's and never assumed.
 */
export async function readRoles(
  client: HttpClient,
  paths: PlatformPaths,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  // A role is read at its own URI only when that is one of this project's roles, never wherever a list points.
  const own = new RegExp(`^${paths.roles.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/?#]+/?$`)
  const shape = object({ projectRoles: object({ roles: listOf(matching(own, 'a role URI of this project')) }) })
  const listRequest = { method: 'GET', path: paths.roles, ...(signal ? { signal } : {}) } as const
  const list = checkedBody<{ projectRoles: { roles: string[] } }>(
    listRequest,
    await client.request(listRequest),
    bodyOf(shape),
  )
  const uris = [...new Set(list.projectRoles.roles.map((uri) => uri.replace(/\/+$/, '')))]
  const details = await readTogether(
    uris.map((uri) => async (inner: AbortSignal) => {
      const request = { method: 'GET', path: uri, signal: inner } as const
      const detail = checkedBody<{ projectRole: { meta: { identifier: string } } }>(
        request,
        await client.request(request),
        bodyOf(ROLE_DETAIL),
      )
      return [uri, detail.projectRole.meta.identifier] as const
    }),
    signal,
  )
  return new Map(details)
}
