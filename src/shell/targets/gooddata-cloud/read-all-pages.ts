import { appendAll } from '../../../core/model/append-all.js'
import type { HttpClient } from '../../http/http-client.js'
import type { Resource } from './wire.js'

/** The page size the official SDK uses against GoodData Cloud and CN. */
export const PAGE_SIZE = 500

interface ListDocument {
  readonly data?: readonly Resource[]
  readonly meta?: { readonly page?: { readonly totalPages?: number } }
}

/**
 * Every resource of a collection. The first page asks for the page count (metaInclude=page) and
 * the rest are fetched at once, bounded by the client. Without a count it pages on until a short
 * page: links.next is present even on the last page, so it cannot tell when to stop.
 */
export async function readAllPages(client: HttpClient, collection: 'users' | 'userGroups', include: string): Promise<Resource[]> {
  const fetchPage = async (page: number): Promise<ListDocument> => {
    const query = { include, page: String(page), size: String(PAGE_SIZE), ...(page === 0 ? { metaInclude: 'page' } : {}) }
    return (await client.request({ method: 'GET', path: `/api/v1/entities/${collection}`, query })).body as ListDocument
  }
  const first = await fetchPage(0)
  const resources = [...(first.data ?? [])]
  const totalPages = first.meta?.page?.totalPages
  if (typeof totalPages === 'number') {
    const rest = await Promise.all(Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => fetchPage(i + 1)))
    for (const page of rest) appendAll(resources, (page.data ?? []))
    return uniqueById(resources)
  }
  let page = 0
  let last = first
  while ((last.data?.length ?? 0) === PAGE_SIZE) {
    last = await fetchPage(++page)
    appendAll(resources, (last.data ?? []))
  }
  return uniqueById(resources)
}

/** Pages read while the list changes can overlap; an id counts once. */
function uniqueById(resources: readonly Resource[]): Resource[] {
  return [...new Map(resources.map((resource) => [resource.id, resource])).values()]
}
