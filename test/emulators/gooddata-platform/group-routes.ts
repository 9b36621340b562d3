import type { RouteAnswer } from '../shared/route-answer.js'
import { malformed, notFound, PLAIN_JSON, UNVERIFIED_CLASS, webappError } from './answer-format.js'
import { groupMember, groupUri, idPage, profileUri, projectUri, userGroup } from './documents.js'
import type { PlatformState, StoredGroup } from './platform-state.js'

type Operation = 'ADD' | 'REMOVE' | 'SET'

/**
 * The project's user groups (wire facts §A6). Lists, single groups and the 201 of a create are
 * plain `application/json`, as the 2022 recordings answer; members keep the `charset=UTF-8` of
 * the only (2018) recordings of them.
 */
export class GroupRoutes {
  constructor(private readonly state: PlatformState) {}

  /** `?project={pid}`, optionally `&user={profileUri}`: the groups that user is a direct member of (wire facts §C G12). */
  list(query: URLSearchParams): RouteAnswer {
    const project = query.get('project')
    if (project === null) return malformed('The parameter "project" is required.')
    if (project !== this.state.project) return notFound('Project')
    const user = query.get('user')
    const groups = this.state
      .sortedGroups()
      .filter((group) => user === null || group.members.some((id) => profileUri(id) === user))
    const { items, paging } = idPage(groups, query, (next) => `/gdc/userGroups?${next.toString()}`)
    return {
      status: 200,
      body: { userGroups: { items: items.map((group) => userGroup(this.state, group)), paging } },
      contentType: PLAIN_JSON,
    }
  }

  /** 201 with `{uri}` and no Location header (user_group_create_and_get.yaml). */
  create(body: unknown): RouteAnswer {
    const content = readContent(body, this.state.project)
    if (typeof content === 'string') return malformed(content)
    if (this.named(content.name)) return duplicate(content.name)
    const group = this.state.createGroup(content.name, content.description ?? null)
    return { status: 201, body: { uri: groupUri(group.id) }, contentType: PLAIN_JSON }
  }

  get(id: string): RouteAnswer {
    const group = this.state.groups.get(id)
    return group ? { status: 200, body: userGroup(this.state, group), contentType: PLAIN_JSON } : notFound('User group')
  }

  /** 204; the client sends `content` without meta and links, its id equal to the path's (user_group_update.yaml). */
  update(id: string, body: unknown): RouteAnswer {
    const group = this.state.groups.get(id)
    if (!group) return notFound('User group')
    const content = readContent(body, this.state.project)
    if (typeof content === 'string') return malformed(content)
    if (content.id !== undefined && content.id !== id)
      return malformed(`"content.id" ${JSON.stringify(content.id)} is not the group of the path.`)
    const other = this.named(content.name)
    if (other && other !== group) return duplicate(content.name)
    Object.assign(
      group,
      { name: content.name, updated: this.state.now() },
      content.description === undefined ? {} : { description: content.description },
    )
    return { status: 204 }
  }

  /** 204, as GoodData's own QA code expects (wire facts §C G4). */
  delete(id: string): RouteAnswer {
    if (!this.state.groups.delete(id)) return notFound('User group')
    return { status: 204 }
  }

  /** Members ordered by profile id, paged like the list (wire facts §A6: same paging shape). */
  members(id: string, query: URLSearchParams): RouteAnswer {
    const group = this.state.groups.get(id)
    if (!group) return notFound('User group')
    const profiles = group.members
      .map((member) => this.state.profiles.get(member)!)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const { items, paging } = idPage(profiles, query, (next) => `${groupUri(id)}/members?${next.toString()}`)
    // The 2018 key order: offset, limit, next (user_group_members_add_remove.yaml).
    const { offset, limit, next } = paging
    return {
      status: 200,
      body: { userGroupMembers: { paging: { offset, limit, next }, items: items.map(groupMember) } },
    }
  }

  /**
   * ADD, REMOVE or SET (SET with [] empties the group); 204 and no body (wire facts §A6). Items
   * must be existing profiles: groups cannot be nested. Refusals are ours, never recorded.
   */
  modifyMembers(id: string, body: unknown): RouteAnswer {
    const group = this.state.groups.get(id)
    if (!group) return notFound('User group')
    const modify = (body as { modifyMembers?: { operation?: unknown; items?: unknown } } | undefined)?.modifyMembers
    const operation = modify?.operation as Operation
    if (!['ADD', 'REMOVE', 'SET'].includes(operation) || !Array.isArray(modify?.items)) {
      return malformed('Expected {"modifyMembers": {"operation": "ADD" | "REMOVE" | "SET", "items": [profile URIs]}}.')
    }
    const ids: string[] = []
    for (const uri of modify.items as unknown[]) {
      const profile =
        typeof uri === 'string'
          ? this.state.profiles.get(/^\/gdc\/account\/profile\/([^/]+)$/.exec(uri)?.[1] ?? '')
          : undefined
      if (!profile) return webappError(400, UNVERIFIED_CLASS, 'Member %s is not a user profile.', undefined, [uri])
      ids.push(profile.id)
    }
    group.members = apply(operation, group.members, ids)
    group.updated = this.state.now()
    return { status: 204 }
  }

  /** Names are unique within the project, compared as sent (our assumption). */
  private named(name: string): StoredGroup | undefined {
    return [...this.state.groups.values()].find((group) => group.name === name)
  }
}

function apply(operation: Operation, members: readonly string[], ids: readonly string[]): string[] {
  if (operation === 'SET') return [...new Set(ids)]
  if (operation === 'REMOVE') return members.filter((member) => !ids.includes(member))
  return [...members, ...ids.filter((id, index) => !members.includes(id) && ids.indexOf(id) === index)]
}

/** 409 in the Java family; Ruby only rescues the status (wire facts §C G7). */
function duplicate(name: string): RouteAnswer {
  return webappError(409, UNVERIFIED_CLASS, 'User group with name %s already exists in the project.', undefined, [name])
}

/** `{"userGroup": {"content": {name, description?, project, id?, domain?}}}` of this project. */
function readContent(
  body: unknown,
  project: string,
): { name: string; description?: string | null; id?: string } | string {
  const content = (body as { userGroup?: { content?: Record<string, unknown> } } | undefined)?.userGroup?.content
  if (!content || typeof content !== 'object') return 'Expected {"userGroup": {"content": {...}}}.'
  const { name, description, id } = content
  if (typeof name !== 'string' || name.trim() === '') return '"content.name" must not be empty.'
  if (description !== undefined && description !== null && typeof description !== 'string')
    return '"content.description" must be a string.'
  if (id !== undefined && typeof id !== 'string') return '"content.id" must be a string.'
  if (content['project'] !== projectUri(project)) return `"content.project" must be ${projectUri(project)}.`
  return {
    name,
    ...(description === undefined ? {} : { description: description as string | null }),
    ...(id === undefined ? {} : { id: id as string }),
  }
}
