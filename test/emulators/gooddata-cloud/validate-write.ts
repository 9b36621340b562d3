import { ID_PATTERN, readAttributes, REQUIRED_ATTRIBUTES, type EntityKind } from './attribute-rules.js'
import { RequestRejected } from './problem-answers.js'

/** The one relationship a kind writes: its name, the type it links to, and whether it is to-many. */
export const RELATIONSHIPS: Readonly<
  Record<EntityKind, { readonly name: string; readonly type: EntityKind; readonly many: boolean } | undefined>
> = {
  user: { name: 'userGroups', type: 'userGroup', many: true },
  userGroup: { name: 'parents', type: 'userGroup', many: true },
  workspace: { name: 'parent', type: 'workspace', many: false },
  dataSource: undefined,
}

/** A JSON:API write as read: the id, the attributes sent, and the linked ids when the relationship was sent. */
export interface WriteBody {
  readonly id: string
  readonly attributes?: Record<string, unknown>
  /** The relationship's ids; a to-one relationship sent as null is []. */
  readonly links?: string[]
}

/**
 * Checks a JSON:API write body as the server does (id rule, type, attributes, relationship
 * linkage) and reads it. `complete` is a create or full replace (a …In document), which must carry
 * the kind's required attributes; a patch need not.
 */
export function readWriteBody(kind: EntityKind, body: unknown, options: { readonly complete: boolean }): WriteBody {
  const data = (body as { data?: unknown } | null)?.data as Record<string, unknown> | undefined
  if (!data || typeof data !== 'object') throw new RequestRejected(400, 'Request body must contain "data".')
  if (data['type'] !== kind) throw new RequestRejected(400, `Type of entity "data.type" must be "${kind}".`)
  const id = data['id']
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new RequestRejected(400, `Invalid id "${String(id)}": must match ${ID_PATTERN.source}.`)
  const rawAttributes = data['attributes']
  if (rawAttributes !== undefined && (typeof rawAttributes !== 'object' || rawAttributes === null))
    throw new RequestRejected(400, '"attributes" must be an object.')
  const attributes =
    rawAttributes === undefined ? undefined : readAttributes(kind, rawAttributes as Record<string, unknown>)
  if (options.complete) {
    const missing = REQUIRED_ATTRIBUTES[kind].filter((name) => attributes?.[name] == null)
    if (missing.length > 0) throw new RequestRejected(400, `Missing required attributes: ${missing.join(', ')}.`)
  }
  const links = readLinks(kind, data['relationships'])
  return {
    id,
    ...(attributes === undefined ? {} : { attributes }),
    ...(links === undefined ? {} : { links: [...new Set(links)] }),
  }
}

function readLinks(kind: EntityKind, relationships: unknown): string[] | undefined {
  const relationship = RELATIONSHIPS[kind]
  const sent = (relationships as Record<string, { data?: unknown }> | undefined)?.[relationship?.name ?? '']
  if (!relationship || sent === undefined) return undefined
  const where = `"relationships.${relationship.name}.data"`
  const linkage = sent?.data
  const item = (link: { id?: unknown; type?: unknown } | null) => {
    if (link?.type !== relationship.type || typeof link.id !== 'string')
      throw new RequestRejected(400, `${where} items must be {id, type: "${relationship.type}"}.`)
    return link.id
  }
  if (!relationship.many) return linkage === null ? [] : [item(linkage as never)]
  if (!Array.isArray(linkage)) throw new RequestRejected(400, `${where} must be an array.`)
  return linkage.map(item)
}
