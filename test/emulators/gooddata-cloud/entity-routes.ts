import type { RouteAnswer } from '../shared/route-answer.js'
import type { JsonApiDocuments } from './json-api-documents.js'
import type { OrganizationState, StoredUser, StoredUserGroup } from './organization-state.js'
import { readWriteBody, WriteRejected } from './validate-write.js'

const NOT_FOUND_DETAIL = 'The requested endpoint does not exist or you do not have permission to access it.'
export const notFound = (): RouteAnswer => ({ status: 404, body: { detail: NOT_FOUND_DETAIL, title: 'Not Found' } })
const rejected = (status: number, detail: string): RouteAnswer => ({
  status,
  body: { detail, title: status === 409 ? 'Conflict' : 'Bad Request' },
})

/** The two entity collections the emulator serves. */
export type Collection = 'users' | 'userGroups'

/** The users and userGroups entity endpoints: list, get, create, replace, patch, delete. */
export class EntityRoutes {
  constructor(
    private readonly state: OrganizationState,
    private readonly documents: JsonApiDocuments,
    private readonly options: { readonly omitPageMeta: boolean } = { omitPageMeta: false },
  ) {}

  list(collection: Collection, query: URLSearchParams): RouteAnswer {
    const page = Number(query.get('page') ?? '0')
    const size = Number(query.get('size') ?? '20')
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1)
      return rejected(400, 'Parameters "page" and "size" must be non-negative integers; "size" at least 1.')
    const include = includes(collection, query)
    if (include === 'invalid') return rejected(400, 'Invalid value of parameter "include".')
    const all = collection === 'users' ? this.state.sortedUsers() : this.state.sortedUserGroups()
    const slice = all.slice(page * size, page * size + size)
    const data = slice.map((entity) => this.resource(collection, entity, include, true))
    const metaInclude = (query.get('metaInclude') ?? '').split(',')
    return {
      status: 200,
      body: {
        data,
        ...this.included(include, slice.flatMap(related)),
        links: this.documents.listLinks(collection, query, page),
        ...(!this.options.omitPageMeta &&
        (metaInclude.includes('page') || metaInclude.includes('all') || metaInclude.includes('ALL'))
          ? {
              meta: {
                page: { size, totalElements: all.length, totalPages: Math.ceil(all.length / size), number: page },
              },
            }
          : {}),
      },
    }
  }

  get(collection: Collection, id: string, query: URLSearchParams): RouteAnswer {
    const entity = this.find(collection, id)
    if (!entity) return notFound()
    const include = includes(collection, query)
    if (include === 'invalid') return rejected(400, 'Invalid value of parameter "include".')
    return {
      status: 200,
      body: {
        data: this.resource(collection, entity, include, false),
        ...this.included(include, related(entity)),
        // A single entity's self link keeps the query it was asked with (get_user.yaml).
        links: this.documents.selfLink(
          `/api/v1/entities/${collection}/${id}${query.size > 0 ? `?${query.toString()}` : ''}`,
        ),
      },
    }
  }

  write(
    collection: Collection,
    method: 'POST' | 'PUT' | 'PATCH',
    pathId: string | undefined,
    body: unknown,
  ): RouteAnswer {
    try {
      const input = collection === 'users' ? readWriteBody('user', body) : readWriteBody('userGroup', body)
      if (pathId !== undefined && input.id !== pathId)
        return rejected(400, `Id in the path "${pathId}" differs from "data.id" "${input.id}".`)
      const existing = this.find(collection, input.id)
      if (method === 'POST' && existing)
        return rejected(409, `Entity "${input.id}" of type "${collection}" already exists.`)
      if (method !== 'POST' && !existing) return notFound()
      if (collection === 'userGroups' && method !== 'POST' && input.id === this.state.bootstrapUserGroup) {
        // The documented answer, typo included: https://www.gooddata.com/docs/cloud/manage-organization/manage-users/
        return rejected(400, `Can't override MANAGE permission for the boostrap group '${input.id}'`)
      }
      for (const group of input.links ?? []) {
        if (!this.state.userGroups.has(group))
          return rejected(400, `Related entity "userGroup" with id "${group}" does not exist.`)
      }
      const previousLinks = existing ? related(existing) : []
      const attributes = method === 'PATCH' ? { ...existing!.attributes, ...input.attributes } : { ...input.attributes }
      const links = input.links ?? (method === 'PATCH' ? previousLinks : [])
      if (collection === 'userGroups' && this.wouldCycle(input.id, links))
        return rejected(400, `Parents of "${input.id}" would form a cycle.`)
      const stored =
        collection === 'users'
          ? { id: input.id, attributes, userGroups: links }
          : { id: input.id, attributes, parents: links }
      if (collection === 'users') this.state.users.set(input.id, stored as StoredUser)
      else this.state.userGroups.set(input.id, stored as StoredUserGroup)
      // POST and PUT answers carry no relationships, whatever was sent (create_delete_user.yaml).
      return {
        status: method === 'POST' ? 201 : 200,
        body: {
          data: this.resource(collection, stored as StoredUser & StoredUserGroup, false, false),
          links: this.documents.selfLink(`/api/v1/entities/${collection}/${input.id}`),
        },
      }
    } catch (error) {
      if (error instanceof WriteRejected) return rejected(error.status, error.detail)
      throw error
    }
  }

  delete(collection: Collection, id: string): RouteAnswer {
    if (!this.find(collection, id)) return notFound()
    if (collection === 'userGroups' && id === this.state.bootstrapUserGroup) {
      return rejected(400, `Can't override MANAGE permission for the boostrap group '${id}'`)
    }
    if (collection === 'users' && id === this.state.bootstrapUser)
      return rejected(400, `The bootstrap user '${id}' cannot be deleted.`)
    if (collection === 'users') this.state.users.delete(id)
    else this.state.deleteUserGroup(id)
    return { status: 204 }
  }

  /** `included` is left out when nothing is related (get_user_group.yaml). */
  private included(include: boolean, ids: readonly string[]) {
    const included = include ? this.documents.includedGroups(ids) : []
    return included.length > 0 ? { included } : {}
  }

  private find(collection: Collection, id: string): StoredUser | StoredUserGroup | undefined {
    return collection === 'users' ? this.state.users.get(id) : this.state.userGroups.get(id)
  }

  private resource(collection: Collection, entity: StoredUser | StoredUserGroup, include: boolean, withLinks: boolean) {
    return collection === 'users'
      ? this.documents.userResource(entity as StoredUser, include, withLinks)
      : this.documents.userGroupResource(entity as StoredUserGroup, include, withLinks)
  }

  private wouldCycle(id: string, parents: readonly string[]): boolean {
    const seen = new Set<string>()
    const stack = [...parents]
    while (stack.length > 0) {
      const next = stack.pop()!
      if (next === id) return true
      if (seen.has(next)) continue
      seen.add(next)
      stack.push(...(this.state.userGroups.get(next)?.parents ?? []))
    }
    return false
  }
}

function related(entity: StoredUser | StoredUserGroup): string[] {
  return 'userGroups' in entity ? entity.userGroups : entity.parents
}

/** Whether `include=` asks for the relationship; users: userGroups|ALL, groups: parents|userGroups|ALL. */
function includes(collection: Collection, query: URLSearchParams): boolean | 'invalid' {
  const raw = query.get('include')
  if (raw === null || raw === '') return false
  const values = raw.split(',')
  const allowed = collection === 'users' ? ['userGroups', 'ALL'] : ['userGroups', 'parents', 'ALL']
  if (!values.every((value) => allowed.includes(value))) return 'invalid'
  if (values.includes('ALL') && values.length > 1) return 'invalid'
  return true
}
