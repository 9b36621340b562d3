import { sameListLink } from '../../http/same-list-link.js'
import { UnexpectedAnswerError } from '../../http/api-error.js'
import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import { bodyOf, type Shape } from '../../http/shape.js'

/** The most users a page of the domain or project list asks for: what the Ruby SDK asks against production (wire facts §C G2). */
export const PAGE_SIZE = 1000

/** The most pages read of one list: a million users at 1,000 a page, far beyond any domain. */
export const MAX_PAGES = 1000

type Query = Readonly<Record<string, string>>

/** One list of the API: where it is, its page's shape, and how to read a page. */
export interface PagedList<T, P> {
  readonly path: string
  readonly query: Query
  readonly shape: Shape
  /** The items of a checked page, and the link to the next page it names, if any. */
  readonly page: (body: P) => { readonly items: readonly T[]; readonly next?: string | null | undefined }
  readonly idOf: (item: T) => string
  /** When a page names no next one: the query of the page after it, or undefined at the end. */
  readonly following?: (query: Query, items: readonly T[]) => Query | undefined
}

export interface ReadPagesOptions {
  /** The normalised host: a `next` link on any other origin is not followed. */
  readonly host: string
  readonly signal?: AbortSignal
  /** Smaller only in tests. */
  readonly maxPages?: number
}

/**
 * Every item of a list. A page's `next` link is followed as the platform gives it (a path of the
 * same resource, wire facts §C G1); without one, `following` says where the next page starts (a
 * full page of an offset list), else the list ends. Reads at most `maxPages`, and stops at a page
 * that adds no item it had not seen, so a server repeating itself cannot keep it reading.
 */
export async function readPages<T, P>(
  client: HttpClient,
  list: PagedList<T, P>,
  options: ReadPagesOptions,
): Promise<T[]> {
  const maxPages = options.maxPages ?? MAX_PAGES
  const byId = new Map<string, T>()
  let query = list.query
  for (let pages = 1; ; pages++) {
    const request = {
      method: 'GET',
      path: list.path,
      query,
      ...(options.signal ? { signal: options.signal } : {}),
    } as const
    const answer = await client.request(request)
    const page = list.page(checkedBody<P>(request, answer, bodyOf(list.shape)))
    const before = byId.size
    for (const item of page.items) byId.set(list.idOf(item), item)
    if (byId.size === before) break
    const refuse = (problem: string) =>
      new UnexpectedAnswerError({
        status: answer.status,
        method: 'GET',
        path: list.path,
        traceId: answer.traceId,
        problem,
      })
    const next = page.next
      ? queryOfLink(page.next, list.path, options.host, refuse)
      : list.following?.(query, page.items)
    if (next === undefined) break
    if (pages >= maxPages)
      throw refuse(
        `still a next page after ${pages.toLocaleString('en-US')} pages (${byId.size.toLocaleString('en-US')} items), the most this reads`,
      )
    query = next
  }
  return [...byId.values()]
}

/** An offset list's next page after a full one (wire facts §C G1, G2): the offset moved past what came. */
export function afterFullPage(limit: number) {
  return (query: Query, items: readonly unknown[]): Query | undefined =>
    items.length < limit
      ? undefined
      : { ...query, offset: String(Number(query['offset'] ?? 0) + items.length), limit: String(limit) }
}

/**
 * The query of a `next` link, which must name this same list on this same host: requests only
 * ever go to the host the client was given, with the session's token, never where a link says.
 */
function queryOfLink(link: string, path: string, host: string, refuse: (problem: string) => Error): Query {
  const base = new URL(host)
  const prefix = base.pathname.replace(/\/+$/, '')
  const url = sameListLink(
    link,
    base,
    [new URL(`${prefix}${path}`, base).pathname, new URL(path, base).pathname],
    refuse,
  )
  return Object.fromEntries(url.searchParams)
}
