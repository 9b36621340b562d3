import { shapeCommonHostileAnswer, type CommonHostileAnswer, type ShapedAnswer } from '../shared/hostile-answers.js'
import type { RouteAnswer } from '../shared/route-answer.js'
import { JSON_API } from './answer-format.js'

/** Answers no honest server gives, for tests of what the client does with them. */
export type HostileAnswer =
  | CommonHostileAnswer
  /** The same full page on every page, no meta.page: a server that ignores `page`. */
  | { readonly kind: 'endless-pages' }
  /** A full page of new ids on every page, no meta.page: a list that never ends. */
  | { readonly kind: 'endless-new-pages' }
  /** The honest list with this meta.page. */
  | { readonly kind: 'page-meta'; readonly page: Readonly<Record<string, unknown>> }
  /** `data: {}` where a list belongs. */
  | { readonly kind: 'data-object' }
  /** The honest list with numbers for ids. */
  | { readonly kind: 'ids-not-strings' }
  /** The honest profile without userId. */
  | { readonly kind: 'profile-without-user-id' }

/** Shapes `hostile` for a request to `url`; `honest` is what the emulator would have answered. */
export function shapeHostileAnswer(hostile: HostileAnswer, url: URL, honest: () => RouteAnswer): ShapedAnswer {
  const honestBody = () => honest().body as Record<string, unknown>
  switch (hostile.kind) {
    case 'endless-pages':
      return json(fabricatedPage(url, () => 'same'))
    case 'endless-new-pages':
      return json(fabricatedPage(url, (page) => `p${page}`))
    case 'page-meta':
      return json({ ...honestBody(), meta: { page: hostile.page } })
    case 'data-object':
      return json({ data: {}, links: { self: url.href } })
    case 'ids-not-strings': {
      const body = honestBody()
      return json({ ...body, data: (body['data'] as object[]).map((resource, index) => ({ ...resource, id: index })) })
    }
    case 'profile-without-user-id': {
      const { userId: _userId, ...profile } = honestBody()
      return json(profile, 'application/json')
    }
    default:
      return shapeCommonHostileAnswer(hostile, honestBody, JSON_API)
  }
}

function json(body: unknown, contentType = JSON_API): ShapedAnswer {
  return { status: 200, contentType, chunks: [JSON.stringify(body)] }
}

function fabricatedPage(url: URL, prefix: (page: number) => string) {
  const collection = url.pathname.endsWith('/userGroups') ? 'userGroups' : 'users'
  const page = Number(url.searchParams.get('page') ?? '0')
  const size = Math.min(1_000, Number(url.searchParams.get('size') ?? '20'))
  const type = collection === 'users' ? 'user' : 'userGroup'
  const data = Array.from({ length: size }, (_, i) => ({ id: `${prefix(page)}-${i}`, type, attributes: {} }))
  const next = new URL(url.href)
  next.searchParams.set('page', String(page + 1))
  return { data, links: { self: url.href, next: next.href } }
}
