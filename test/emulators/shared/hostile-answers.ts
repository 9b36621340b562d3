import type { ServerResponse } from 'node:http'

/** Hostile answers any JSON API can be tested with; a target adds its own kinds. */
export type CommonHostileAnswer =
  /** The honest JSON cut short. */
  | { readonly kind: 'malformed-json' }
  /** 200 with nothing in it. */
  | { readonly kind: 'empty-200' }
  /** A login page with 200, as a proxy in front of the API might answer. */
  | { readonly kind: 'html-200' }
  /** The honest JSON labelled text/plain. */
  | { readonly kind: 'wrong-content-type' }
  /** A body of `bytes` bytes, sent as long as the client reads; with `declareLength`, announced up front. */
  | { readonly kind: 'oversized-body'; readonly bytes: number; readonly declareLength?: boolean }

/** A hostile answer ready to send: the body as text, or as chunks made while sending. */
export interface ShapedAnswer {
  readonly status: number
  readonly contentType: string
  readonly chunks: Iterable<string>
  readonly length?: number
}

/** Shapes a common hostile answer; `jsonType` is the content type the target's JSON answers carry. */
export function shapeCommonHostileAnswer(
  hostile: CommonHostileAnswer,
  honestBody: () => Record<string, unknown>,
  jsonType: string,
): ShapedAnswer {
  switch (hostile.kind) {
    case 'malformed-json':
      return { status: 200, contentType: jsonType, chunks: [JSON.stringify(honestBody()).slice(0, -3)] }
    case 'empty-200':
      return { status: 200, contentType: jsonType, chunks: [] }
    case 'html-200':
      return { status: 200, contentType: 'text/html; charset=utf-8', chunks: [LOGIN_PAGE] }
    case 'wrong-content-type':
      return { status: 200, contentType: 'text/plain', chunks: [JSON.stringify(honestBody())] }
    case 'oversized-body': {
      const length = hostile.declareLength ? { length: hostile.bytes } : {}
      return { status: 200, contentType: jsonType, chunks: oversizedChunks(hostile.bytes), ...length }
    }
  }
}

const LOGIN_PAGE = '<!doctype html><html><body><form action="/login">Sign in</form></body></html>'

/** Writes a shaped answer, waiting for the client to read; answers the bytes written before it stopped. */
export async function writeShapedAnswer(
  response: ServerResponse,
  answer: ShapedAnswer,
  headers: Readonly<Record<string, string>>,
): Promise<number> {
  const length = answer.length === undefined ? {} : { 'content-length': String(answer.length) }
  response.writeHead(answer.status, { 'content-type': answer.contentType, ...headers, ...length })
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
