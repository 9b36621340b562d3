import { shapeCommonHostileAnswer, type CommonHostileAnswer, type ShapedAnswer } from '../shared/hostile-answers.js'
import type { RouteAnswer } from '../shared/route-answer.js'

/** Answers no honest server gives, for tests of what a client does with them. */
export type HostileAnswer =
  | CommonHostileAnswer
  /** A full page on every page, `next` always one page further and no `total_count`: a list that never ends. */
  | { readonly kind: 'endless-pages' }
  /** The honest page with `next` and `previous` as host-relative paths: their form is undocumented (wire facts §C O5). */
  | { readonly kind: 'relative-links' }
  /** The honest page with `next` moved to another origin, as a client must never follow. */
  | { readonly kind: 'foreign-next'; readonly origin: string }
  /** The honest body with one field set, by a dotted path (`results.0.username`): a malformed answer made to order. */
  | { readonly kind: 'set-field'; readonly path: string; readonly value: unknown }

const JSON_TYPE = 'application/json'

/** Shapes `hostile` for a request to `url`; `honest` is what the emulator would have answered. */
export function shapeHostileAnswer(hostile: HostileAnswer, url: URL, honest: () => RouteAnswer): ShapedAnswer {
  const honestBody = () => (honest().body ?? {}) as Record<string, unknown>
  switch (hostile.kind) {
    case 'endless-pages':
      return json(endlessPage(url))
    case 'relative-links': {
      const body = honestBody()
      const relative = (link: unknown) => (typeof link === 'string' ? link.slice(url.origin.length) : link)
      return json({ ...body, next: relative(body['next']), previous: relative(body['previous']) })
    }
    case 'foreign-next': {
      const body = honestBody()
      const next = typeof body['next'] === 'string' ? new URL(body['next']) : undefined
      return json({ ...body, next: next ? `${hostile.origin}${next.pathname}${next.search}` : body['next'] })
    }
    case 'set-field':
      return json(setField(honestBody(), hostile.path.split('.'), hostile.value))
    default:
      return shapeCommonHostileAnswer(hostile, honestBody, JSON_TYPE)
  }
}

function json(body: unknown): ShapedAnswer {
  return { status: 200, contentType: JSON_TYPE, chunks: [JSON.stringify(body)] }
}

/** A copy of `body` with the field at `path` set to `value`, the objects and lists on the way copied too. */
function setField(body: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path
  if (head === undefined) return value
  const copy: Record<string, unknown> = Array.isArray(body)
    ? ([...body] as unknown as Record<string, unknown>)
    : { ...(body as Record<string, unknown>) }
  copy[head] = setField(copy[head], rest, value)
  return copy
}

function endlessPage(url: URL) {
  const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? '20') || 20)
  const offset = Number(url.searchParams.get('offset') ?? '0') || 0
  const groups = url.pathname.endsWith('/groups/')
  const item = (n: number) =>
    groups ? { uid: `group_${n}`, title: `Group ${n}` } : { username: `user-${n}`, email: `user-${n}@example.com` }
  const results = Array.from({ length: limit }, (_, i) => item(offset + i))
  const next = new URL(url.href)
  next.searchParams.set('limit', String(limit))
  next.searchParams.set('offset', String(offset + limit))
  return { total_count: null, next: next.href, previous: null, results }
}
