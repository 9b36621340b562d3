import type { RouteAnswer } from '../shared/route-answer.js'
import { USER_FIELDS, USER_GROUP_FIELDS } from './entity-fields.js'
import type { JsonApiDocuments } from './json-api-documents.js'
import { pageMeta, readInclude, readListQuery, selectPage } from './list-query.js'
import type { OrganizationState, StoredUser, StoredUserGroup } from './organization-state.js'
import { answerRejections, notFound, rejected, RequestRejected } from './problem-answers.js'
import { compileRsqlFilter, type FilterFields } from './rsql-filter.js'
import { readWriteBody } from './validate-write.js'

/** The two entity collections of users and groups. */
export type Collection = 'users' | 'userGroups'

/** How a write is asked: X-GDC-VALIDATE-RELATIONS makes the server check that related entities exist. */
export interface WriteOptions {
  readonly validateRelations: boolean
}

type Entity = StoredUser | StoredUserGroup

const KINDS = {
  users: { kind: 'user', fields: USER_FIELDS, include: { relationship: 'userGroups', collection: 'userGroups' } },
  userGroups: {
    kind: 'userGroup',
    fields: USER_GROUP_FIELDS,
    include: { relationship: 'parents', collection: 'userGroups' },
  },
} as const

const META_INCLUDE = ['page', 'all', 'ALL']

/** The users and userGroups entity endpoints: list, get, create, replace, patch, delete. */
export class EntityRoutes {
  constructor(
    private readonly state: OrganizationState,
    private readonly documents: JsonApiDocuments,
    private readonly options: { readonly omitPageMeta: boolean } = { omitPageMeta: false },
  ) {}

  list(collection: Collection, query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const list = readListQuery<Entity>(query, { fields: fieldsOf(collection), metaInclude: META_INCLUDE })
      const include = readInclude(query, KINDS[collection].include)
      const all = collection === 'users' ? this.state.sortedUsers() : this.state.sortedUserGroups()
      const { total, slice } = selectPage<Entity>(all, list)
      const meta = this.options.omitPageMeta ? {} : pageMeta(list, total)
      return {
        status: 200,
        body: {
          data: slice.map((entity) => this.resource(collection, entity, include, true)),
          ...this.included(include, slice.flatMap(related)),
          links: this.documents.listLinks(collection, query, list.page),
          ...(Object.keys(meta).length > 0 ? { meta } : {}),
        },
      }
    })
  }

  get(collection: Collection, id: string, query: URLSearchParams): RouteAnswer {
    return answerRejections(() => {
      const include = readInclude(query, KINDS[collection].include)
      const entity = this.find(collection, id)
      if (!entity || !this.matchesFilter(collection, entity, query)) return notFound()
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
    })
  }

  write(
    collection: Collection,
    request: { readonly method: 'POST' | 'PUT' | 'PATCH'; readonly pathId?: string; readonly query: URLSearchParams },
    body: unknown,
    options: WriteOptions,
  ): RouteAnswer {
    return answerRejections(() => {
      const { method, pathId, query } = request
      const include = readInclude(query, KINDS[collection].include)
      const input = readWriteBody(KINDS[collection].kind, body, { complete: method !== 'PATCH' })
      if (pathId !== undefined && input.id !== pathId)
        return rejected(400, `Id in the path "${pathId}" differs from "data.id" "${input.id}".`)
      const existing = this.find(collection, input.id)
      if (method === 'POST' && existing)
        return rejected(409, `Entity "${input.id}" of type "${collection}" already exists.`)
      if (method !== 'POST' && (!existing || !this.matchesFilter(collection, existing, query))) return notFound()
      if (collection === 'userGroups' && method !== 'POST' && input.id === this.state.bootstrapUserGroup) {
        // The documented answer, typo included: https://www.gooddata.com/docs/cloud/manage-organization/manage-users/
        return rejected(400, `Can't override MANAGE permission for the boostrap group '${input.id}'`)
      }
      const links = input.links ?? (method === 'PATCH' ? related(existing!) : [])
      if (options.validateRelations) this.checkRelatedGroupsExist(links)
      if (collection === 'userGroups' && this.wouldCycle(input.id, links))
        return rejected(400, `Parents of "${input.id}" would form a cycle.`)
      const attributes = withoutNulls(
        method === 'PATCH' ? { ...existing!.attributes, ...input.attributes } : { ...input.attributes },
      )
      const stored = this.store(collection, input.id, attributes, links)
      // Answers to writes without include= carry no relationships, whatever was sent (create_delete_user.yaml).
      return {
        status: method === 'POST' ? 201 : 200,
        body: {
          data: this.resource(collection, stored, include, false),
          ...this.included(include, related(stored)),
          links: this.documents.selfLink(`/api/v1/entities/${collection}/${input.id}`),
        },
      }
    })
  }

  delete(collection: Collection, id: string): RouteAnswer {
    if (!this.find(collection, id)) return notFound()
    if (collection === 'userGroups' && id === this.state.bootstrapUserGroup) {
      return rejected(400, `Can't override MANAGE permission for the boostrap group '${id}'`)
    }
    if (collection === 'users' && id === this.state.bootstrapUser)
      return rejected(400, `The bootstrap user '${id}' cannot be deleted.`)
    if (collection === 'users') this.state.deleteUser(id)
    else this.state.deleteUserGroup(id)
    return { status: 204 }
  }

  /** `included` is left out when nothing is related (get_user_group.yaml). */
  private included(include: boolean, ids: readonly string[]) {
    const included = include ? this.documents.includedGroups(ids) : []
    return included.length > 0 ? { included } : {}
  }

  private find(collection: Collection, id: string): Entity | undefined {
    return collection === 'users' ? this.state.users.get(id) : this.state.userGroups.get(id)
  }

  /** A single entity's `filter=`: an entity it does not match is not found. */
  private matchesFilter(collection: Collection, entity: Entity, query: URLSearchParams): boolean {
    return compileRsqlFilter<Entity>(query.get('filter'), fieldsOf(collection))?.(entity) ?? true
  }

  private store(collection: Collection, id: string, attributes: object, links: string[]): Entity {
    if (collection === 'users') {
      const user: StoredUser = { id, attributes: attributes as StoredUser['attributes'], userGroups: links }
      this.state.users.set(id, user)
      return user
    }
    const group: StoredUserGroup = { id, attributes: attributes as StoredUserGroup['attributes'], parents: links }
    this.state.userGroups.set(id, group)
    return group
  }

  private resource(collection: Collection, entity: Entity, include: boolean, withLinks: boolean) {
    return collection === 'users'
      ? this.documents.userResource(entity as StoredUser, include, withLinks)
      : this.documents.userGroupResource(entity as StoredUserGroup, include, withLinks)
  }

  private checkRelatedGroupsExist(ids: readonly string[]): void {
    const missing = ids.find((group) => !this.state.userGroups.has(group))
    if (missing !== undefined)
      throw new RequestRejected(400, `Related entity "userGroup" with id "${missing}" does not exist.`)
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

/** A collection's fields; each reads only entities of its own collection, which is all it is given. */
function fieldsOf(collection: Collection): FilterFields<Entity> {
  return KINDS[collection].fields as unknown as FilterFields<Entity>
}

function related(entity: Entity): string[] {
  return 'userGroups' in entity ? entity.userGroups : entity.parents
}

/** Attributes as stored: a null in a write clears the attribute. */
export function withoutNulls<Attributes extends object>(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null)) as Attributes
}
