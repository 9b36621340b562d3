import { sameListLink } from '../../http/same-list-link.js'
import { UnexpectedAnswerError } from '../../http/api-error.js'
import { checkedBody, fieldProblem, objectBodyProblem } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'

/** The most items the API gives in one page: `limit` is 0–1000 (wire facts §B1). */
export const PAGE_SIZE = 1000

/** The most pages read of one list: 1,000,000 users or groups, far beyond any domain. */
export const MAX_PAGES = 1000

/** One list of the API: where it is, how its items are checked, and what tells them apart. */
export interface ListKind<T> {
  readonly path: string
  readonly itemProblem: (item: unknown, at: string) => string | undefined
  readonly idOf: (item: T) => string
}

export interface ReadListOptions {
  /** The normalised host the client sends to: a `next` link must point back at it. */
  readonly host: string
  readonly signal?: AbortSignal
  /** Smaller than PAGE_SIZE and MAX_PAGES only in tests. */
  readonly pageSize?: number
  readonly maxPages?: number
}

interface Page<T> {
  readonly results: readonly T[]
  readonly next?: string | null
}

interface Window {
  readonly limit: number
  readonly offset: number
}

/**
 * Every item of a list, page by page: `limit` and `offset` asked for, then taken from each page's
 * `next` (an absolute URL, wire facts §C O5, parsed as the vendor's own example does). The link
 * only says where the next page starts: requests go to the host this client was given, and a
 * `next` on another origin, or off this list, is refused rather than followed. Reads at most
 * `maxPages`, and stops at a page that adds no item it had not seen.
 */
export async function readList<T>(client: HttpClient, kind: ListKind<T>, options: ReadListOptions): Promise<T[]> {
  const maxPages = options.maxPages ?? MAX_PAGES
  const listUrl = new URL(`${options.host}${kind.path}`)
  const byId = new Map<string, T>()
  let window: Window = { limit: options.pageSize ?? PAGE_SIZE, offset: 0 }
  for (let pages = 1; ; pages++) {
    const query = { limit: String(window.limit), offset: String(window.offset) }
    const request = {
      method: 'GET',
      path: kind.path,
      query,
      ...(options.signal ? { signal: options.signal } : {}),
    } as const
    const answer = await client.request(request)
    const page = checkedBody<Page<T>>(request, answer, (body) => pageProblem(body, kind.itemProblem))
    const before = byId.size
    for (const item of page.results) byId.set(kind.idOf(item), item)
    if (!page.next || byId.size === before) break
    const refuse = (problem: string) =>
      new UnexpectedAnswerError({ status: answer.status, method: 'GET', path: kind.path, problem })
    if (pages >= maxPages)
      throw refuse(`still a next page after ${count(pages)} pages (${count(byId.size)} items), the most this reads`)
    window = nextWindow(page.next, listUrl, window, refuse)
  }
  return [...byId.values()]
}

/** Where the next page starts, from a `next` link that must point at this same list on this same origin. */
function nextWindow(link: string, listUrl: URL, current: Window, refuse: (problem: string) => Error): Window {
  const url = sameListLink(link, listUrl, [listUrl.pathname], refuse)
  const limit = wholeNumber(url.searchParams.get('limit'))
  const offset = wholeNumber(url.searchParams.get('offset'))
  if (limit === undefined || limit < 1 || limit > PAGE_SIZE)
    throw refuse(`"next" has no "limit" from 1 to ${PAGE_SIZE}`)
  if (offset === undefined || offset <= current.offset) throw refuse('"next" has no "offset" past this page')
  return { limit, offset }
}

function pageProblem(body: unknown, itemProblem: ListKind<unknown>['itemProblem']): string | undefined {
  const notObject = objectBodyProblem(body)
  if (notObject !== undefined) return notObject
  const { results, next } = body as Record<string, unknown>
  if (!Array.isArray(results)) return fieldProblem('results', 'a list', results)
  for (const [index, item] of results.entries()) {
    const problem = itemProblem(item, `results[${index}]`)
    if (problem !== undefined) return problem
  }
  return next === undefined || next === null || typeof next === 'string'
    ? undefined
    : fieldProblem('next', 'a link or null', next)
}

function wholeNumber(text: string | null): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text)) return undefined
  return Number(text)
}

function count(value: number): string {
  return value.toLocaleString('en-US')
}
