import type { OrganizationState, StoredUser, StoredUserGroup } from './organization-state.js'

/** Renders stored entities as the server's JSON:API documents (shapes from the recorded traffic). */
export class JsonApiDocuments {
  constructor(
    private readonly origin: string,
    private readonly state: OrganizationState,
  ) {}

  userResource(user: StoredUser, withRelationships: boolean, withLinks: boolean) {
    return {
      attributes: { ...user.attributes },
      id: user.id,
      ...(withLinks ? { links: { self: `${this.origin}/api/v1/entities/users/${user.id}` } } : {}),
      ...(withRelationships && user.userGroups.length > 0
        ? { relationships: { userGroups: { data: user.userGroups.map((id) => ({ id, type: 'userGroup' })) } } }
        : {}),
      type: 'user',
    }
  }

  userGroupResource(group: StoredUserGroup, withRelationships: boolean, withLinks: boolean) {
    return {
      attributes: { ...group.attributes },
      id: group.id,
      ...(withLinks ? { links: { self: `${this.origin}/api/v1/entities/userGroups/${group.id}` } } : {}),
      // Groups without parents carry no relationships key at all (list_user_groups.yaml).
      ...(withRelationships && group.parents.length > 0
        ? { relationships: { parents: { data: group.parents.map((id) => ({ id, type: 'userGroup' })) } } }
        : {}),
      type: 'userGroup',
    }
  }

  /** `included[]`: each referenced group once, in order of first reference. */
  includedGroups(ids: Iterable<string>) {
    const seen = new Set<string>()
    const out = []
    for (const id of ids) {
      if (seen.has(id)) continue
      seen.add(id)
      const group = this.state.userGroups.get(id)
      if (group) out.push(this.userGroupResource(group, false, true))
    }
    return out
  }

  listLinks(collection: string, query: URLSearchParams, page: number) {
    const link = (number: number) => {
      const params = new URLSearchParams(query)
      params.set('page', String(number))
      if (!params.has('size')) params.set('size', '20')
      return `${this.origin}/api/v1/entities/${collection}?${params.toString()}`
    }
    // links.next is there on every page, the last one too (create_delete_user.yaml).
    return { next: link(page + 1), self: link(page) }
  }

  selfLink(path: string) {
    return { self: `${this.origin}${path}` }
  }
}
