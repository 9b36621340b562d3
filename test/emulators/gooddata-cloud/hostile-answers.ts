import type { ServerResponse } from 'node:http'
import type { RouteAnswer } from './entity-routes.js'

/** Answers no honest server gives, for tests of what the client does with them. */
export type HostileAnswer =
  /** The same full page on every page, no meta.page: a server that ignores `page`. */
  | { readonly kind: 'endless-pages' }
  /** A full page of new ids on every page, no meta.page: a list that never ends. */
  | { readonly kind: 'endless-new-pages' }
  /** The honest list with this meta.page. */
  | { readonly kind: 'page-meta'; readonly page: Readonly<Record<string, unknown>> }
  /** The honest JSON cut short. */
  | { readonly kind: 'malformed-json' }
  /** 200 with nothing in it. */
  | { readonly kind: 'empty-200' }
  /** A login page with 200, as a proxy in front of the API might answer. */
  | { readonly kind: 'html-200' }
  /** The honest JSON labelled text/plain. */
  | { readonly kind: 'wrong-content-type' }
  /** `data: {}` where a list belongs. */
  | { readonly kind: 'data-object' }
  /** The honest list with numbers for ids. */
  | { readonly kind: 'ids-not-strings' }
  /** The honest profile without userId. */
  | { readonly kind: 'profile-without-user-id' }
  /** A body of `bytes` bytes, sent as long as the client reads; with `declareLength`, announced up front. */
  | { readonly kind: 'oversized-body'; readonly bytes: number; readonly declareLength?: boolean }

/** A hostile answer ready to send: the body as text, or as chunks made while sending. */
export interface ShapedAnswer {
  readonly status: number
  readonly contentType: string
  readonly chunks: Iterable<string>
  readonly length?: number
}

const JSON_API = 'application/vnd.gooddata.api+json'

/** Shapes `hostile` for a request to `url`; `honest` is what the emulator would have answered. */
export function shapeHostileAnswer(hostile: HostileAnswer, url: URL, honest: () => RouteAnswer): ShapedAnswer {
  const json = (body: unknown, contentType = JSON_API) => ({ status: 200, contentType, chunks: [JSON.stringify(body)] })
  const honestBody = () => honest().body as Record<string, unknown>
  switch (hostile.kind) {
    case 'endless-pages':
      return json(fabricatedPage(url, () => 'same'))
    case 'endless-new-pages':
      return json(fabricatedPage(url, (page) => `p${page}`))
    case 'page-meta':
      return json({ ...honestBody(), meta: { page: hostile.page } })
    case 'malformed-json':
      return { status: 200, contentType: JSON_API, chunks: [JSON.stringify(honestBody()).slice(0, -3)] }
    case 'empty-200':
      return { status: 200, contentType: JSON_API, chunks: [] }
    case 'html-200':
      return { status: 200, contentType: 'text/html; charset=utf-8', chunks: ['<!doctype html><html><body><form action="/login">Sign in</form></body></html>'] }
    case 'wrong-content-type':
      return json(honestBody(), 'text/plain')
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
    case 'oversized-body':
      return { status: 200, contentType: JSON_API, chunks: oversizedChunks(hostile.bytes), ...(hostile.declareLength ? { length: hostile.bytes } : {}) }
  }
}

/** Writes a shaped answer, waiting for the client to read; answers the bytes written before it stopped. */
export async function writeShapedAnswer(response: ServerResponse, answer: ShapedAnswer, traceId: string): Promise<number> {
  const length = answer.length === undefined ? {} : { 'content-length': String(answer.length) }
  response.writeHead(answer.status, { 'content-type': answer.contentType, 'x-gdc-trace-id': traceId, ...length })
  let sent = 0
  for (const chunk of answer.chunks) {
    if (response.destroyed) break
    sent += Buffer.byteLength(chunk)
    if (!response.write(chunk)) await drained(response)
  }
  response.end()
  return sent
}

/** The token as a careless server might echo it: raw, base64 and URL-encoded. */
export function echoedToken(token: string): string {
  return `${token} ${Buffer.from(token).toString('base64')} ${encodeURIComponent(token)}`
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

function* oversizedChunks(bytes: number): Generator<string> {
  const resource = '{"id":"u","type":"user","attributes":{}},'
  const chunk = resource.repeat(Math.ceil(65_536 / resource.length))
  const head = '{"data":['
  yield head
  for (let sent = head.length; sent < bytes; sent += chunk.length) yield chunk.slice(0, bytes - sent)
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done)
      response.off('close', done)
      resolve()
    }
    response.on('drain', done)
    response.on('close', done)
  })
}
