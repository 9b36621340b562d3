import type { ActualUser, ActualUserGroup } from '../../../core/model/actual-state.js'
import type { UserFields, UserGroupFields } from '../../../core/model/change.js'

/** A JSON:API resource as the entity endpoints return it. */
export interface Resource {
  readonly id: string
  readonly type: string
  readonly attributes?: Record<string, unknown>
  readonly relationships?: Record<
    string,
    { data?: readonly { id: string; type: string }[] | { id: string; type: string } | null }
  >
}

const MANAGED_USER_ATTRIBUTES = {
  firstname: 'firstname',
  lastname: 'lastname',
  email: 'email',
  authenticationId: 'authId',
} as const

/** A user resource → the actual user; empty strings count as absent, unmanaged attributes are kept aside. */
export function readUser(resource: Resource): ActualUser {
  const fields: Record<string, string> = {}
  const unmanaged: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(resource.attributes ?? {})) {
    const field = MANAGED_USER_ATTRIBUTES[key as keyof typeof MANAGED_USER_ATTRIBUTES]
    if (field === undefined) unmanaged[key] = value
    else if (typeof value === 'string' && value !== '') fields[field] = value
  }
  return { id: resource.id, ...fields, userGroups: linkedIds(resource, 'userGroups'), unmanaged }
}

/** A userGroup resource → the actual group; a missing or empty name stays absent. */
export function readUserGroup(resource: Resource): ActualUserGroup {
  const name = resource.attributes?.['name']
  return {
    id: resource.id,
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    parents: linkedIds(resource, 'parents'),
  }
}

/** The body of a user create or full update: every managed field, plus what we carry over unchanged. */
export function userDocument(id: string, fields: UserFields, unmanaged: Readonly<Record<string, unknown>> = {}) {
  const attributes: Record<string, unknown> = { ...unmanaged }
  for (const [wire, field] of Object.entries(MANAGED_USER_ATTRIBUTES)) {
    const value = fields[field]
    if (value !== undefined) attributes[wire] = value
  }
  return {
    data: {
      id,
      type: 'user',
      attributes,
      relationships: { userGroups: { data: fields.userGroups.map((group) => ({ id: group, type: 'userGroup' })) } },
    },
  }
}

/** The body of a user group create or full update. */
export function userGroupDocument(id: string, fields: UserGroupFields) {
  return {
    data: {
      id,
      type: 'userGroup',
      attributes: { name: fields.name },
      relationships: { parents: { data: fields.parents.map((parent) => ({ id: parent, type: 'userGroup' })) } },
    },
  }
}

function linkedIds(resource: Resource, relationship: string): string[] {
  const data = resource.relationships?.[relationship]?.data
  if (!Array.isArray(data)) return []
  return [...new Set(data.map((link: { id: string }) => link.id))].sort()
}

/**
 * What is wrong with a list's `data` for `type` resources linked through `relationship`, or
 * undefined. Problems name the field and never quote the server's text.
 */
export function resourcesProblem(data: unknown, type: string, relationship: string): string | undefined {
  if (!Array.isArray(data)) return notA('data', 'a list', data)
  for (const [index, resource] of data.entries()) {
    const problem = resourceProblem(resource, `data[${index}]`, type, relationship)
    if (problem !== undefined) return problem
  }
  return undefined
}

/**
 * What is wrong with a declarative layout's list `body[list]`: a list of objects with non-empty string ids,
 * each then asked `itemProblem` (with its place, `list[index]`). Problems never quote the server's text.
 */
export function layoutItemsProblem(
  body: Record<string, unknown>,
  list: string,
  itemProblem: (item: Record<string, unknown>, at: string) => string | undefined,
): string | undefined {
  const items = body[list]
  if (!Array.isArray(items)) return notA(list, 'a list', items)
  for (const [index, item] of items.entries()) {
    const at = `${list}[${index}]`
    if (!isObject(item)) return notA(at, 'an object', item)
    if (typeof item['id'] !== 'string' || item['id'] === '') return notA(`${at}.id`, 'a non-empty string', item['id'])
    const problem = itemProblem(item, at)
    if (problem !== undefined) return problem
  }
  return undefined
}

/** `"field" is missing` or `"field" is not <expected>`. */
export function notA(field: string, expected: string, value: unknown): string {
  return value === undefined ? `"${field}" is missing` : `"${field}" is not ${expected}`
}

/** Why a body that should be a JSON object is not one. */
export function bodyProblem(body: unknown): string {
  return body === undefined ? 'the body is empty' : 'the body is not a JSON object'
}

/** A JSON object, not an array or null. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function resourceProblem(value: unknown, at: string, type: string, relationship: string): string | undefined {
  if (!isObject(value)) return notA(at, 'an object', value)
  if (typeof value['id'] !== 'string' || value['id'] === '') return notA(`${at}.id`, 'a non-empty string', value['id'])
  if (value['type'] !== type) return notA(`${at}.type`, `"${type}"`, value['type'])
  if (value['attributes'] !== undefined && !isObject(value['attributes']))
    return notA(`${at}.attributes`, 'an object', value['attributes'])
  const relationships = value['relationships']
  if (relationships === undefined) return undefined
  if (!isObject(relationships)) return notA(`${at}.relationships`, 'an object', relationships)
  const link = relationships[relationship]
  if (link === undefined) return undefined
  if (!isObject(link)) return notA(`${at}.relationships.${relationship}`, 'an object', link)
  return linksProblem(link['data'], `${at}.relationships.${relationship}.data`)
}

function linksProblem(data: unknown, at: string): string | undefined {
  if (data === undefined || data === null) return undefined
  if (!Array.isArray(data)) return notA(at, 'a list', data)
  const index = data.findIndex((link) => !isObject(link) || typeof link['id'] !== 'string')
  return index === -1
    ? undefined
    : notA(`${at}[${index}].id`, 'a string', isObject(data[index]) ? data[index]['id'] : null)
}
