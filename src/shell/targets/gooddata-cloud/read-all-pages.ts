import { UnexpectedAnswerError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import { getChecked } from './get-checked.js'
import { readTogether } from '../../http/read-together.js'
import { bodyProblem, isObject, notA, resourcesProblem, type Resource } from './wire.js'

/** The page size the official SDK uses against GoodData Cloud and CN. */
export const PAGE_SIZE = 500

/** The most pages read of one collection: 1,000,000 entities, far beyond any organization. */
export const MAX_PAGES = 2_000

interface ListPage {
  readonly data: readonly Resource[]
  readonly meta?: { readonly page?: { readonly totalPages?: number; readonly totalElements?: number } }
}

export interface ReadAllPagesOptions {
  /** The relationship to ask for (include=), checked on every resource. */
  readonly include: string
  readonly signal?: AbortSignal
  /** Lower than MAX_PAGES only in tests. */
  readonly maxPages?: number
}

const TYPES = { users: 'user', userGroups: 'userGroup' } as const

/**
 * Every resource of a collection. The first page asks for the page count (metaInclude=page) and
 * the rest are fetched at once, bounded by the client. Without a count it pages on until a short
 * page: links.next is present even on the last page, so it cannot tell when to stop. Either way
 * it reads at most `maxPages`, and stops at a page that adds no new id.
 */
export async function readAllPages(
  client: HttpClient,
  collection: 'users' | 'userGroups',
  options: ReadAllPagesOptions,
): Promise<Resource[]> {
  const maxPages = options.maxPages ?? MAX_PAGES
  const path = `/api/v1/entities/${collection}`
  const fetchPage = (page: number, signal = options.signal): Promise<ListPage> => {
    const count = page === 0 ? { metaInclude: 'page' } : {}
    const query = { include: options.include, page: String(page), size: String(PAGE_SIZE), ...count }
    const problemIn = (body: unknown) =>
      listProblem(body, TYPES[collection], options.include, page === 0 ? maxPages : undefined)
    return getChecked<ListPage>(client, { path, query, ...(signal ? { signal } : {}) }, problemIn)
  }
  const first = await fetchPage(0)
  const count = pageCount(first)
  if (count === undefined) return readUntilShortPage(first, fetchPage, { path, maxPages })
  const others = Array.from(
    { length: Math.max(0, count - 1) },
    (_, i) => (signal: AbortSignal) => fetchPage(i + 1, signal),
  )
  const rest = await readTogether(others, options.signal)
  const byId = new Map<string, Resource>()
  for (const page of [first, ...rest]) addAll(byId, page.data)
  return [...byId.values()]
}

async function readUntilShortPage(
  first: ListPage,
  fetchPage: (page: number) => Promise<ListPage>,
  limits: { path: string; maxPages: number },
): Promise<Resource[]> {
  const byId = new Map<string, Resource>()
  let last = first
  let added = addAll(byId, first.data)
  for (let page = 1; last.data.length >= PAGE_SIZE && added > 0; page++) {
    if (page >= limits.maxPages) {
      const problem = `still full pages after ${formatCount(page)} pages (${formatCount(page * PAGE_SIZE)} entities), the most this reads`
      throw new UnexpectedAnswerError({ method: 'GET', path: limits.path, problem })
    }
    last = await fetchPage(page)
    added = addAll(byId, last.data)
  }
  return [...byId.values()]
}

/** What is wrong with a page of the list, its page count included on the first page (`maxPages` given). */
function listProblem(body: unknown, type: string, include: string, maxPages: number | undefined): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  const problem = resourcesProblem(body['data'], type, include)
  return problem ?? (maxPages === undefined ? undefined : pageMetaProblem(body['meta'], maxPages))
}

/** Pages read while the list changes can overlap; an id counts once. Answers how many ids were new. */
function addAll(byId: Map<string, Resource>, resources: readonly Resource[]): number {
  const before = byId.size
  for (const resource of resources) byId.set(resource.id, resource)
  return byId.size - before
}

/** The pages the first page says there are: totalPages, else from totalElements; checked before use. */
function pageCount(first: ListPage): number | undefined {
  const page = first.meta?.page
  if (page?.totalPages !== undefined) return page.totalPages
  return page?.totalElements === undefined ? undefined : Math.ceil(page.totalElements / PAGE_SIZE)
}

/** A count is only used once it is a whole number that stays under the ceiling: never an array length as sent. */
function pageMetaProblem(meta: unknown, maxPages: number): string | undefined {
  if (meta === undefined) return undefined
  if (!isObject(meta)) return notA('meta', 'an object', meta)
  const page = meta['page']
  if (page === undefined) return undefined
  if (!isObject(page)) return notA('meta.page', 'an object', page)
  return (
    countProblem('meta.page.totalPages', page['totalPages'], maxPages, 'pages') ??
    countProblem('meta.page.totalElements', page['totalElements'], maxPages * PAGE_SIZE, 'entities')
  )
}

function countProblem(field: string, value: unknown, most: number, unit: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return `"${field}" is not a whole number of at least 0`
  }
  return value > most ? `"${field}" is ${value}, more than the ${formatCount(most)} ${unit} this reads` : undefined
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US')
}
