import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { Dialect, ErrorBodyFields } from '../../src/shell/http/dialect.js'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { staticHeaderAuth } from '../../src/shell/http/static-header-auth.js'
import { startScriptedServer, type ScriptedAnswer, type SeenRequest } from './scripted-server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const KEY = 'ods-key-1234'
const apikey = staticHeaderAuth({ name: 'authorization', scheme: 'apikey', secret: KEY })

async function setUp(answer: (request: SeenRequest) => ScriptedAnswer, dialect: Dialect = { auth: apikey }) {
  const server = await startScriptedServer(answer)
  const retries: string[] = []
  const retry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 }
  const onRetry = ({ method, reason }: { method: string; reason: string }) => void retries.push(`${method} ${reason}`)
  const client = new HttpClient({ host: server.url, dialect, sleep: async () => {}, retry, onRetry })
  closers.push(
    () => server.close(),
    () => client.close(),
  )
  return { server, client, retries }
}

/** Fails the first `count` requests as `failure` says, then answers 200. */
function failingFirst(count: number, failure: ScriptedAnswer) {
  let failed = 0
  return (): ScriptedAnswer => (failed++ < count ? failure : { status: 200, body: {} })
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ApiError,
  )
const post = { method: 'POST', path: '/groups/', body: { title: 'Analysts' } } as const

describe('a dialect that does not let a POST be repeated', () => {
  it('sends a POST answered 500 exactly once', async () => {
    const { server, client, retries } = await setUp(failingFirst(1, { status: 500, body: { title: 'Internal' } }))
    const error = await failure(client.request(post))
    expect(error).toMatchObject({ status: 500, method: 'POST', attempts: 1 })
    expect(server.seen.map((seen) => seen.method)).toEqual(['POST'])
    expect(retries).toEqual([])
  })

  it('sends a POST whose connection dropped after sending exactly once', async () => {
    const { server, client } = await setUp(failingFirst(1, 'drop'))
    const error = await failure(client.request(post))
    expect(error).toBeInstanceOf(ApiError)
    expect(error!.status).toBeUndefined()
    expect(server.seen).toHaveLength(1)
  })

  it('still repeats a POST answered 429, and a GET, PUT or DELETE answered 5xx', async () => {
    for (const [method, status] of [
      ['POST', 429],
      ['GET', 500],
      ['PUT', 502],
      ['DELETE', 503],
    ] as const) {
      const { server, client } = await setUp(failingFirst(1, { status, headers: { 'retry-after': '0' } }))
      expect(await client.request({ method, path: '/groups/g1/' })).toMatchObject({ status: 200, attempts: 2 })
      expect(server.seen).toHaveLength(2)
    }
  })

  it('repeats a POST after a 500 when the dialect says it may', async () => {
    const { server, client } = await setUp(failingFirst(1, { status: 500 }), { auth: apikey, mayRepeat: () => true })
    expect(await client.request(post)).toMatchObject({ status: 200, attempts: 2 })
    expect(server.seen).toHaveLength(2)
  })
})

describe('the trace id', () => {
  const traced = (status: number) => (): ScriptedAnswer => ({
    status,
    headers: { 'x-request-id': 'req-42', 'x-gdc-trace-id': 'gdc-7' },
  })

  it('comes from the header the dialect names, in any case', async () => {
    const dialect = { auth: apikey, traceIdHeader: 'X-Request-Id' }
    expect((await (await setUp(traced(200), dialect)).client.request({ method: 'GET', path: '/a/' })).traceId).toBe(
      'req-42',
    )
    const error = await failure((await setUp(traced(403), dialect)).client.request({ method: 'GET', path: '/a/' }))
    expect(error).toMatchObject({ status: 403, traceId: 'req-42', message: 'GET /a/ → 403 (trace id req-42)' })
  })

  it('is not read from any header when the dialect names none', async () => {
    expect((await (await setUp(traced(200))).client.request({ method: 'GET', path: '/a/' })).traceId).toBeUndefined()
  })
})

describe('error bodies', () => {
  /** Opendatasoft's envelope: error_code, message, trace_id. */
  const readOdsError = (body: unknown): ErrorBodyFields => {
    const { error_code, message, trace_id } = body as Record<string, string | undefined>
    return { title: error_code, detail: message, traceId: trace_id }
  }

  it('are read the dialect’s way', async () => {
    const answer = () => ({ status: 404, body: { error_code: 'not_found', message: 'Not found.', trace_id: 't-1' } })
    const { client } = await setUp(answer, { auth: apikey, readErrorBody: readOdsError })
    const error = await failure(client.request({ method: 'GET', path: '/users/nobody/' }))
    expect(error!.message).toBe('GET /users/nobody/ → 404 not_found: Not found. (trace id t-1)')
  })

  it('are read as RFC 9457 problem details unless the dialect says otherwise', async () => {
    const { client } = await setUp(() => ({
      status: 409,
      body: { title: 'Conflict', detail: 'exists', message: 'ignored' },
    }))
    expect((await failure(client.request(post)))!.message).toBe('POST /groups/ → 409 Conflict: exists')
  })
})

describe('secrets the dialect declares', () => {
  const PASSWORD = 'correct horse battery'
  const forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]

  it('never appear in an error, in any form, wherever the server echoes them', async () => {
    const echo = forms(KEY).concat(forms(PASSWORD)).join(' ')
    const answer = () => ({
      status: 400,
      body: { title: 'Bad', detail: `got ${echo}` },
      headers: { 'x-trace': `t ${KEY}` },
    })
    const auth = { ...apikey, secrets: () => [KEY, PASSWORD] }
    const { client } = await setUp(answer, { auth, traceIdHeader: 'x-trace' })
    const error = await failure(client.request(post))
    expect(error!.detail).toBe(`got ${Array(6).fill('***').join(' ')}`)
    expect(error!.traceId).toBe('t ***')
    for (const text of [error!.message, JSON.stringify(error), String(error!.stack)]) {
      for (const form of [...forms(KEY), ...forms(PASSWORD)]) expect(text).not.toContain(form)
    }
  })
})
