import { compareText } from './permission-names.js'
import { RequestRejected } from './problem-answers.js'
import { compileRsqlFilter, type FilterFields } from './rsql-filter.js'

/** What an entity list may be asked for: the properties it filters and sorts on, and its meta objects. */
export interface ListSpec<Entity> {
  readonly fields: FilterFields<Entity>
  /** The metaInclude values of the list operation, page/all/ALL included. */
  readonly metaInclude: readonly string[]
}

/** A list request read: one page, and what it keeps, in what order, with which meta objects. */
export interface ListQuery<Entity> {
  readonly page: number
  readonly size: number
  readonly keep: ((entity: Entity) => boolean) | undefined
  readonly compare: ((a: Entity, b: Entity) => number) | undefined
  /** The meta objects asked for, `all`/`ALL` spelled out. */
  readonly meta: ReadonlySet<string>
}

/** Reads page, size, filter, sort and metaInclude; throws RequestRejected (400) for what it cannot honour. */
export function readListQuery<Entity>(query: URLSearchParams, spec: ListSpec<Entity>): ListQuery<Entity> {
  return {
    ...readPaging(query),
    keep: compileRsqlFilter(query.get('filter'), spec.fields),
    compare: readSort(query.getAll('sort'), spec.fields),
    meta: readMetaInclude(query, spec.metaInclude),
  }
}

/** `page` (from 0, default 0) and `size` (default 20); throws RequestRejected (400) when they are not whole numbers. */
export function readPaging(query: URLSearchParams): { readonly page: number; readonly size: number } {
  const page = Number(query.get('page') ?? '0')
  const size = Number(query.get('size') ?? '20')
  if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1)
    throw new RequestRejected(400, 'Parameters "page" and "size" must be non-negative integers; "size" at least 1.')
  return { page, size }
}

/** The entities the query keeps, in its order (`all` comes sorted by id), and its page of them. */
export function selectPage<Entity>(all: readonly Entity[], query: ListQuery<Entity>) {
  const kept = query.keep ? all.filter(query.keep) : all
  const ordered = query.compare ? [...kept].sort(query.compare) : kept
  const start = query.page * query.size
  return { total: ordered.length, slice: ordered.slice(start, start + query.size) }
}

/** The `meta` objects of a list answer: `page` when asked for it. */
export function pageMeta(query: Pick<ListQuery<never>, 'page' | 'size' | 'meta'>, total: number) {
  if (!query.meta.has('page')) return {}
  const { size, page } = query
  return { page: { size, totalElements: total, totalPages: Math.ceil(total / size), number: page } }
}

/**
 * Whether `include=` asks for the entity's one relationship. The description: "If single parameter
 * ALL is present, all possible includes are used" and "Individual include types (collection,
 * relationship or ALL) cannot be combined together", so ALL must stand alone, and a collection
 * (`userGroups`) cannot go with a relationship of another name (`parents`).
 */
export function readInclude(
  query: URLSearchParams,
  names: { readonly relationship: string; readonly collection: string },
): boolean {
  const raw = query.get('include')
  if (raw === null || raw === '') return false
  const values = raw.split(',')
  const allowed = [...new Set([names.collection, names.relationship, 'ALL'])]
  for (const value of values) {
    if (!allowed.includes(value))
      throw new RequestRejected(400, `Invalid value "${value}" of parameter "include"; allowed: ${allowed.join(', ')}.`)
  }
  if (values.includes('ALL') && values.length > 1)
    throw new RequestRejected(
      400,
      `"ALL" cannot be combined with other values of parameter "include" ("${raw}"): ` +
        'individual include types (collection, relationship or ALL) cannot be combined together.',
    )
  if (names.collection !== names.relationship && new Set(values).size > 1)
    throw new RequestRejected(
      400,
      `The collection include "${names.collection}" cannot be combined with the relationship include ` +
        `"${names.relationship}" ("${raw}"): individual include types cannot be combined together.`,
    )
  return true
}

/** Spring Data's `sort`: each value is `property[,property…][,asc|desc]`; several values sort by each in turn. */
function readSort<Entity>(
  values: readonly string[],
  fields: FilterFields<Entity>,
): ((a: Entity, b: Entity) => number) | undefined {
  const keys = values.flatMap((value) => {
    const parts = value.split(',').filter((part) => part !== '')
    const last = parts.at(-1)?.toLowerCase()
    const direction = last === 'desc' ? -1 : 1
    const properties = last === 'asc' || last === 'desc' ? parts.slice(0, -1) : parts
    return properties.map((property) => ({ read: sortable(property, fields), direction }))
  })
  if (keys.length === 0) return undefined
  return (a, b) => {
    for (const { read, direction } of keys) {
      const order = compareNullsLast(read(a), read(b))
      if (order !== 0) return order * direction
    }
    return 0
  }
}

function sortable<Entity>(property: string, fields: FilterFields<Entity>) {
  const read = Object.hasOwn(fields, property) ? fields[property] : undefined
  if (!read) {
    const known = Object.keys(fields).filter((field) => !field.includes('.'))
    throw new RequestRejected(400, `Unknown property "${property}" in parameter "sort"; known: ${known.join(', ')}.`)
  }
  // Related ids ("userGroups.id") are lists: the server sorts by the entity's own properties.
  if (property.includes('.'))
    throw new RequestRejected(400, `Cannot sort by "${property}": it is a list of related ids.`)
  return (entity: Entity) => read(entity) as string | undefined
}

/** Unset values after set ones when ascending, before them when descending (PostgreSQL's default). */
function compareNullsLast(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  return compareText(a, b)
}

/** The metaInclude values asked for, `all`/`ALL` spelled out; throws RequestRejected (400) for one not allowed. */
export function readMetaInclude(query: URLSearchParams, allowed: readonly string[]): ReadonlySet<string> {
  const values = (query.get('metaInclude') ?? '').split(',').filter((value) => value !== '')
  for (const value of values) {
    if (!allowed.includes(value))
      throw new RequestRejected(
        400,
        `Invalid value "${value}" of parameter "metaInclude"; allowed: ${allowed.join(', ')}.`,
      )
  }
  const all = values.includes('all') || values.includes('ALL')
  return new Set(all ? allowed.filter((value) => value !== 'all' && value !== 'ALL') : values)
}
