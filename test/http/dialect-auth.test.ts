import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shell/http/api-error.js'
import type { Auth } from '../../src/shell/http/dialect.js'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { staticHeaderAuth } from '../../src/shell/http/static-header-auth.js'
import { startScriptedServer, type ScriptedAnswer, type ScriptedServer, type SeenRequest } from './scripted-server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const SST = 'sst-long-lived-secret'
const retry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 }

function clientWith(server: ScriptedServer, auth: Auth): HttpClient {
  const client = new HttpClient({ host: server.url, dialect: { auth }, sleep: async () => {}, retry })
  closers.push(() => client.close())
  return client
}

async function serve(answer: (request: SeenRequest) => ScriptedAnswer) {
  const server = await startScriptedServer(answer)
  closers.push(() => server.close())
  return server
}

/**
 * A session as the GoodData Platform runs one: a long-lived token (SST) gets short-lived ones (TT)
 * from GET /token, sent through a client of its own with the SST as a static header.
 */
function session(server: ScriptedServer, sst: string, firstTt: string) {
  let tt = firstTt
  let renewals = 0
  const tokens = clientWith(server, staticHeaderAuth({ name: 'x-auth-sst', secret: sst }))
  const auth: Auth = {
    headers: () => Promise.resolve({ 'X-Auth-TT': tt }),
    onUnauthorized: async (signal) => {
      renewals++
      tt = ((await tokens.request({ method: 'GET', path: '/token', signal })).body as { token: string }).token
      return true
    },
    secrets: () => [sst, tt],
  }
  return { auth, renewals: () => renewals }
}

/** GET /token answers a fresh TT for the right SST; everything else wants one of `validTts`. */
function platform(validTts: readonly string[]) {
  return (request: SeenRequest): ScriptedAnswer => {
    if (request.url === '/token') {
      return request.headers['x-auth-sst'] === SST ? { status: 200, body: { token: 'tt-2' } } : { status: 401 }
    }
    const valid = validTts.includes(String(request.headers['x-auth-tt']))
    return valid ? { status: 200, body: { items: [] } } : { status: 401, body: { title: 'Unauthorized' } }
  }
}

const seenAs = (server: ScriptedServer) =>
  server.seen.map((seen) => `${seen.url} ${seen.headers['x-auth-tt'] ?? seen.headers['x-auth-sst']}`)
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ApiError,
  )

describe('a dialect with a static apikey header', () => {
  it('sends it on every request, with the default JSON media type', async () => {
    const server = await serve(() => ({ status: 201, body: { uid: 'g1' } }))
    const client = clientWith(
      server,
      staticHeaderAuth({ name: 'Authorization', scheme: 'apikey', secret: 'ods-key-1234' }),
    )
    await client.request({ method: 'POST', path: '/api/automation/v1.0/groups/', body: { title: 'Analysts' } })
    await client.request({ method: 'GET', path: '/api/automation/v1.0/groups/' })
    expect(server.seen.map(({ method, headers }) => ({ method, ...headers }))).toEqual([
      expect.objectContaining({
        method: 'POST',
        authorization: 'apikey ods-key-1234',
        accept: 'application/json',
        'content-type': 'application/json',
      }),
      expect.objectContaining({ method: 'GET', authorization: 'apikey ods-key-1234', accept: 'application/json' }),
    ])
    expect(server.seen.some((seen) => 'x-gdc-validate-relations' in seen.headers)).toBe(false)
    expect(server.seen[1]!.headers['content-type']).toBeUndefined()
  })
})

describe('a session dialect', () => {
  it('renews its token once after a 401 and sends the request again with the new one', async () => {
    const server = await serve(platform(['tt-2']))
    const { auth, renewals } = session(server, SST, 'tt-expired')
    const answer = await clientWith(server, auth).request({ method: 'GET', path: '/users' })
    expect(answer).toMatchObject({ status: 200, attempts: 2 })
    expect(renewals()).toBe(1)
    expect(seenAs(server)).toEqual(['/users tt-expired', `/token ${SST}`, '/users tt-2'])
  })

  it('fails with a typed 401 naming the failed renewal, and tries nothing more', async () => {
    const server = await serve(platform(['tt-2']))
    const { auth, renewals } = session(server, 'sst-revoked-secret', 'tt-expired')
    const error = await failure(clientWith(server, auth).request({ method: 'GET', path: '/users' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, method: 'GET', path: '/users', attempts: 1 })
    expect(error!.cause).toBeInstanceOf(ApiError)
    expect(error!.cause).toMatchObject({ status: 401, path: '/token' })
    expect(error!.message).toBe('GET /users → 401 Unauthorized: renewing the credentials failed: GET /token → 401')
    expect(renewals()).toBe(1)
    expect(seenAs(server)).toEqual(['/users tt-expired', '/token sst-revoked-secret'])
  })

  it('gives up with the 401 when the renewed token is refused too, without renewing again', async () => {
    const server = await serve(platform([]))
    const { auth, renewals } = session(server, SST, 'tt-expired')
    const error = await failure(clientWith(server, auth).request({ method: 'GET', path: '/users' }))
    expect(error).toMatchObject({ status: 401, path: '/users', attempts: 2, title: 'Unauthorized' })
    expect(renewals()).toBe(1)
    expect(seenAs(server)).toEqual(['/users tt-expired', `/token ${SST}`, '/users tt-2'])
  })

  it('turns a renewal that fails untyped into an ApiError without the secrets it held', async () => {
    const server = await serve(platform([]))
    const auth: Auth = {
      headers: () => Promise.resolve({ 'x-auth-tt': 'tt-expired' }),
      onUnauthorized: () => Promise.reject(new Error(`login refused for ${SST}`)),
      secrets: () => [SST],
    }
    const error = await failure(clientWith(server, auth).request({ method: 'DELETE', path: '/users/u1' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error!.message).toBe(
      'DELETE /users/u1 → 401 Unauthorized: renewing the credentials failed: login refused for ***',
    )
    expect(JSON.stringify(error) + String(error!.stack) + String((error!.cause as Error).message)).not.toContain(SST)
    expect(server.seen).toHaveLength(1)
  })

  it('answers a 401 the caller expects without renewing', async () => {
    const server = await serve(platform([]))
    const { auth, renewals } = session(server, SST, 'tt-expired')
    const answer = await clientWith(server, auth).request({ method: 'GET', path: '/users', expect: [401] })
    expect(answer).toMatchObject({ status: 401, attempts: 1 })
    expect(renewals()).toBe(0)
  })
})
