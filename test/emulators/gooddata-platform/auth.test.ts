import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_LOGIN,
  startGoodDataPlatformEmulator,
  type GoodDataPlatformEmulatorOptions,
  type RunningGoodDataPlatformEmulator,
} from './server.js'
import { loggedIn, PlatformTestClient } from './test-client.js'

let emulator: RunningGoodDataPlatformEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: GoodDataPlatformEmulatorOptions = {}) {
  emulator = await startGoodDataPlatformEmulator(options)
  return emulator
}

const REALM = 'GoodData realm="GoodData API"'
const CURRENT = '/gdc/account/profile/current'

/** The 401 a missing or expired TT gets, as recorded in auth_tt_expired_then_refreshed.yaml. */
function expectTemporaryTokenChallenge(answer: { status: number; body: unknown; headers: Headers }) {
  expect(answer.status).toBe(401)
  expect(answer.headers.get('www-authenticate')).toBe(`${REALM} cookie=GDCAuthTT`)
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
  expect(answer.headers.get('set-cookie')).toMatch(/^GDCAuthTT=; Max-Age=0; .*Path=\/gdc; Secure; HTTPOnly/)
  expect(answer.body).toMatchObject({
    error: {
      code: 401,
      message: 'Authorization Required',
      links: { documentation: expect.stringContaining('log-in') },
    },
  })
}

describe('login, temporary tokens and their expiry', () => {
  it('login → token → TT spent after ttRequests → cookie=GDCAuthTT challenge → a new TT → success', async () => {
    const { url, state } = await start({ ttRequests: 2 })
    const client = new PlatformTestClient(url)
    const login = await client.login()
    const admin = state.profileByLogin(DEFAULT_LOGIN)!
    expect(login.status).toBe(200)
    expect(login.headers.get('content-type')).toBe('application/json;charset=UTF-8')
    expect(login.body.userLogin).toEqual({
      profile: `/gdc/account/profile/${admin.id}`,
      state: `/gdc/account/login/${admin.id}`,
      token: client.sst,
    })
    expect(client.tt).toMatch(/^emulator-tt-/)
    const token = await client.refreshToken()
    expect(token.status).toBe(200)
    expect(token.headers.get('content-type')).toBe('application/json')
    expect(token.body).toEqual({ userToken: { token: client.tt } })
    expect((await client.call('GET', CURRENT)).status).toBe(307)
    expect((await client.call('GET', CURRENT)).status).toBe(307)
    expectTemporaryTokenChallenge(await client.call('GET', CURRENT))
    expect((await client.refreshToken()).status).toBe(200)
    expect((await client.call('GET', CURRENT)).headers.get('location')).toBe(`/gdc/account/profile/${admin.id}`)
  })

  it('a TT also expires after ttSeconds, and a request without one gets the same challenge', async () => {
    const { url } = await start({ ttSeconds: 0.2 })
    const client = await loggedIn(url)
    expect((await client.call('GET', CURRENT)).status).toBe(307)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expectTemporaryTokenChallenge(await client.call('GET', CURRENT))
    expectTemporaryTokenChallenge(await new PlatformTestClient(url).call('GET', CURRENT))
    expect((await client.refreshToken()).status).toBe(200)
    expect((await client.call('GET', CURRENT)).status).toBe(307)
  })

  it('state.sessions.expireTemporaryTokens makes every TT answer the challenge; SSTs still work', async () => {
    const { url, state } = await start()
    const client = await loggedIn(url)
    state.sessions.expireTemporaryTokens()
    expectTemporaryTokenChallenge(await client.call('GET', CURRENT))
    expect((await client.refreshToken()).status).toBe(200)
  })
})

describe('super-secured tokens', () => {
  /** auth_token_sst_invalid.yaml: no body, no content type, the SST cookie cleared. */
  function expectInvalidSst(answer: { status: number; body: unknown; headers: Headers }) {
    expect(answer.status).toBe(401)
    expect(answer.body).toBeUndefined()
    expect(answer.headers.get('content-type')).toBeNull()
    expect(answer.headers.get('www-authenticate')).toBe(`${REALM} cookie=GDCAuthSST location=/gdc/account/login`)
    expect(answer.headers.get('set-cookie')).toBe(
      'GDCAuthSST=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/gdc/account; Secure',
    )
  }

  it('an unknown SST, or none, is refused on /gdc/account/token', async () => {
    const { url } = await start()
    const client = new PlatformTestClient(url)
    expectInvalidSst(await client.refreshToken())
    client.sst = 'emulator-sst-made-up'
    expectInvalidSst(await client.refreshToken())
  })

  it('an SST expires after sstRequests or sstSeconds, or when the state expires sessions; logging in again works', async () => {
    const { url, state } = await start({ sstRequests: 1 })
    const client = await loggedIn(url)
    expect((await client.refreshToken()).status).toBe(200)
    expectInvalidSst(await client.refreshToken())
    await client.login()
    state.sessions.expireSessions()
    expectInvalidSst(await client.refreshToken())
    expectTemporaryTokenChallenge(await client.call('GET', CURRENT))
    await emulator!.close()
    const timed = await loggedIn((await start({ sstSeconds: 0.2 })).url)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expectInvalidSst(await timed.refreshToken())
  })

  it('logout answers 204 and ends the SST and its TTs; another user’s session cannot be ended', async () => {
    const { url, state } = await start()
    const client = await loggedIn(url)
    const other = await loggedIn(url)
    const admin = state.profileByLogin(DEFAULT_LOGIN)!.id
    expect((await client.call('DELETE', '/gdc/account/login/0123456789abcdef0123456789abcdef')).body).toMatchObject({
      error: { component: 'Webapp', errorCode: 'EMULATOR_UNVERIFIED' },
    })
    const logout = await client.call('DELETE', `/gdc/account/login/${admin}`, undefined, {
      'x-gdc-authsst': client.sst!,
    })
    expect(logout.status).toBe(204)
    expect(logout.headers.get('content-type')).toBeNull()
    expectTemporaryTokenChallenge(await client.call('GET', CURRENT))
    expectInvalidSst(await client.refreshToken())
    expect((await other.call('GET', CURRENT)).status).toBe(307)
  })
})

describe('login refusals and modes', () => {
  it.each([
    ['a wrong password', DEFAULT_LOGIN, 'not-the-password'],
    ['an unknown login', 'nobody@example.com', 'emulator-password'],
    ['an account without a password', 'sso.only@example.com', ''],
  ])('%s: 401 with the bare Webapp body', async (_name, login, password) => {
    const { url } = await start({
      seed: {
        users: [
          { login: DEFAULT_LOGIN, password: 'emulator-password', domainAdmin: true },
          { login: 'sso.only@example.com', ssoProvider: 'idp' },
        ],
      },
    })
    const answer = await new PlatformTestClient(url).login(login, password)
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ component: 'Webapp', message: 'Bad Login or Password!', parameters: [] })
    expect(answer.headers.get('www-authenticate')).toBe(REALM)
    expect(answer.headers.get('x-gdc-authsst')).toBeNull()
  })

  it('logins compare ignoring case; without verify_level the cookie mode is not emulated and no token is answered', async () => {
    const { url } = await start({ password: 'changed-by-option' })
    expect((await new PlatformTestClient(url).login(DEFAULT_LOGIN.toUpperCase(), 'changed-by-option')).status).toBe(200)
    const cookieMode = await new PlatformTestClient(url).send<{ userLogin: object }>('POST', '/gdc/account/login', {
      body: { postUserLogin: { login: DEFAULT_LOGIN, password: 'changed-by-option', remember: 1 } },
    })
    expect(cookieMode.status).toBe(200)
    expect(Object.keys(cookieMode.body.userLogin)).toEqual(['profile', 'state'])
    expect(cookieMode.headers.get('x-gdc-authsst')).toBeNull()
    const malformed = await new PlatformTestClient(url).send('POST', '/gdc/account/login', {
      body: { login: DEFAULT_LOGIN },
    })
    expect(malformed.body).toMatchObject({
      error: {
        errorClass: 'com.gooddata.json.validator.exception.MalformedMessageException',
        errorCode: 'EMULATOR_UNVERIFIED',
      },
    })
  })
})

describe('request ids and shared faults', () => {
  it('echoes X-GDC-Request with 16 characters appended, or invents one', async () => {
    const { url } = await start()
    const client = await loggedIn(url)
    expect(
      (await client.call('GET', CURRENT, undefined, { 'x-gdc-request': ':abc:def' })).headers.get('x-gdc-request'),
    ).toMatch(/^:abc:def:[A-Za-z0-9_-]{16}$/)
    expect((await client.call('GET', CURRENT)).headers.get('x-gdc-request')).toMatch(
      /^[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{16}$/,
    )
  })

  it('429 and 503 come from the shared faults, with Retry-After on 429 and the gateway envelope', async () => {
    const { url } = await start({
      injectFault: ({ method }) => (method === 'PUT' ? '429' : method === 'DELETE' ? '503' : undefined),
    })
    const client = await loggedIn(url)
    const limited = await client.call('PUT', '/gdc/userGroups/bnothere', {})
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.body).toMatchObject({ error: { code: 429, message: 'Too Many Requests' } })
    const unavailable = await client.call('DELETE', '/gdc/userGroups/bnothere')
    expect(unavailable.status).toBe(503)
    expect(unavailable.body).toMatchObject({ error: { code: 503 } })
  })
})
