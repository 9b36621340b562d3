import type { StoredUser, StoredUserGroup } from './organization-state.js'

const ID = /^(?!\.)[.A-Za-z0-9_-]{1,255}$/
const USER_ATTRIBUTES = new Set(['authenticationId', 'email', 'firstname', 'lastname', 'systemAccount'])

/** A write body the server refuses, with the status and detail it answers. */
export class WriteRejected extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail)
  }
}

type Kind = 'user' | 'userGroup'

/** Checks a JSON:API write body as the server does (id rule, types, 255-character strings) and reads it. */
export function readWriteBody(
  kind: Kind,
  body: unknown,
): { id: string; attributes?: StoredUser['attributes'] & StoredUserGroup['attributes']; links?: string[] } {
  const data = (body as { data?: unknown } | null)?.data as Record<string, unknown> | undefined
  if (!data || typeof data !== 'object') throw new WriteRejected(400, 'Request body must contain "data".')
  if (data['type'] !== kind) throw new WriteRejected(400, `Type of entity "data.type" must be "${kind}".`)
  const id = data['id']
  if (typeof id !== 'string' || !ID.test(id))
    throw new WriteRejected(400, `Invalid id "${String(id)}": must match ^(?!\\.)[.A-Za-z0-9_-]{1,255}$.`)
  const attributes = data['attributes'] as Record<string, unknown> | undefined
  if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null))
    throw new WriteRejected(400, '"attributes" must be an object.')
  for (const [key, value] of Object.entries(attributes ?? {})) {
    const known = kind === 'user' ? USER_ATTRIBUTES.has(key) : key === 'name'
    if (!known) throw new WriteRejected(400, `Unknown attribute "${key}".`)
    if (key === 'systemAccount') {
      if (typeof value !== 'boolean') throw new WriteRejected(400, '"systemAccount" must be a boolean.')
    } else if (typeof value !== 'string' || value.length > 255) {
      throw new WriteRejected(400, `"${key}" must be a string of at most 255 characters.`)
    }
  }
  const relationName = kind === 'user' ? 'userGroups' : 'parents'
  const relationships = data['relationships'] as Record<string, { data?: unknown }> | undefined
  let links: string[] | undefined
  if (relationships?.[relationName] !== undefined) {
    const linkage = relationships[relationName]!.data
    if (!Array.isArray(linkage)) throw new WriteRejected(400, `"relationships.${relationName}.data" must be an array.`)
    links = linkage.map((item: { id?: unknown; type?: unknown }) => {
      if (item?.type !== 'userGroup' || typeof item.id !== 'string')
        throw new WriteRejected(400, `"relationships.${relationName}.data" items must be {id, type: "userGroup"}.`)
      return item.id
    })
  }
  return {
    id,
    ...(attributes === undefined
      ? {}
      : { attributes: attributes as StoredUser['attributes'] & StoredUserGroup['attributes'] }),
    ...(links === undefined ? {} : { links: [...new Set(links)] }),
  }
}
