import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PROJECT } from './demo-project.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  startGoodDataPlatformEmulator,
  type RunningGoodDataPlatformEmulator,
  type UserSeed,
} from './server.js'
import { loggedIn, type Answer } from './test-client.js'

let emulator: RunningGoodDataPlatformEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

type Account = { accountSetting: { login: string; links: { self: string }; authenticationModes: string[] } }
type AccountPage = { accountSettings: { paging: { offset: number; count: number; next?: string }; items: Account[] } }

const USERS = `/gdc/account/domains/${DEFAULT_DOMAIN}/users`
const admin: UserSeed = { login: DEFAULT_LOGIN, password: DEFAULT_PASSWORD, domainAdmin: true, role: 'adminRole' }
const many = (count: number): UserSeed[] =>
  Array.from({ length: count }, (_, i) => ({ login: `user${i}@example.com`, firstName: 'User', lastName: String(i) }))
const newAccount = (login: string, password = 'secret-password') => ({
  accountSetting: {
    login,
    firstName: 'New',
    lastName: 'User',
    password,
    verifyPassword: password,
    email: login,
    language: 'en-US',
  },
})

describe('the domain’s users', () => {
  it('pages by offset and limit (100 by default); count is the page’s size and next a usable path only while more remain', async () => {
    emulator = await startGoodDataPlatformEmulator({
      seed: { users: [admin, ...many(249), { login: 'guest@partner.example', domain: 'partner', role: 'editorRole' }] },
    })
    const client = await loggedIn(emulator.url)
    const pages: AccountPage['accountSettings'][] = []
    for (let path: string | undefined = USERS; path; ) {
      const answer: Answer<AccountPage> = await client.call<AccountPage>('GET', path)
      expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8')
      pages.push(answer.body.accountSettings)
      path = answer.body.accountSettings.paging.next
    }
    expect(pages.map((page) => page.paging)).toEqual([
      { offset: 0, count: 100, next: `${USERS}?offset=100&limit=100` },
      { offset: 100, count: 100, next: `${USERS}?offset=200&limit=100` },
      { offset: 200, count: 50 },
    ])
    const logins = pages.flatMap((page) => page.items.map((item) => item.accountSetting.login))
    expect(new Set(logins).size).toBe(250)
    expect(logins).not.toContain('guest@partner.example')
    const ruby = await client.call<AccountPage>('GET', `${USERS}?offset=0&limit=1000`)
    expect(ruby.body.accountSettings.paging).toEqual({ offset: 0, count: 250 })
    expect(
      (await client.call<AccountPage>('GET', `${USERS}?offset=0&limit=5000`)).body.accountSettings.items,
    ).toHaveLength(250)
  })

  it('looks a login up ignoring case, `+` sent percent-encoded; an unknown login is an empty page', async () => {
    emulator = await startGoodDataPlatformEmulator({ seed: { users: [admin, { login: 'Rubydev+Admin@example.com' }] } })
    const client = await loggedIn(emulator.url)
    const found = await client.call<AccountPage>(
      'GET',
      `${USERS}?login=${encodeURIComponent('rubydev+admin@example.com')}`,
    )
    expect(found.body.accountSettings.paging).toEqual({ offset: 0, count: 1 })
    expect(found.body.accountSettings.items[0]!.accountSetting.login).toBe('Rubydev+Admin@example.com')
    expect((await client.call('GET', `${USERS}?login=nobody@example.com`)).body).toEqual({
      accountSettings: { paging: { offset: 0, count: 0 }, items: [] },
    })
  })

  it('creates an account: 201 with Location and {uri}; the profile then reads as recorded for a new account', async () => {
    emulator = await startGoodDataPlatformEmulator()
    const client = await loggedIn(emulator.url)
    const created = await client.call<{ uri: string }>('POST', USERS, newAccount('new.user@example.com'))
    expect(created.status).toBe(201)
    expect(created.body.uri).toMatch(/^\/gdc\/account\/profile\/[0-9a-f]{32}$/)
    expect(created.headers.get('location')).toBe(created.body.uri)
    const profile = await client.call<{ accountSetting: Record<string, unknown> }>('GET', created.body.uri)
    expect(profile.body.accountSetting).toMatchObject({
      login: 'new.user@example.com',
      firstName: 'New',
      companyName: null,
      authenticationModes: [],
      ssoProvider: null,
      language: 'en-US',
    })
    expect(profile.body.accountSetting['password']).toBeUndefined()
    expect((await loggedIn(emulator.url, 'new.user@example.com', 'secret-password')).sst).toBeDefined()
  })

  it('refuses a login taken in any domain (keyed on errorClass, the code plainly unverified) and a malformed account', async () => {
    emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
    const client = await loggedIn(emulator.url)
    for (const login of ['JOHN.DOE@example.com', 'partner.analyst@partner.example']) {
      const taken = await client.call('POST', USERS, newAccount(login))
      expect(taken.status).toBe(400)
      expect(taken.body).toMatchObject({
        error: {
          errorClass: 'com.gooddata.webapp.service.userprovisioning.LoginNameAlreadyRegisteredException',
          component: 'Webapp',
          errorCode: 'EMULATOR_UNVERIFIED',
          parameters: [login],
        },
      })
    }
    for (const body of [
      newAccount('short@example.com', 'short'),
      {
        accountSetting: {
          login: 'x@example.com',
          firstName: '',
          lastName: 'Y',
          password: 'long-enough',
          verifyPassword: 'long-enough',
        },
      },
      { login: 'x' },
    ]) {
      const refused = await client.call('POST', USERS, body)
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({
        error: { errorClass: 'com.gooddata.json.validator.exception.MalformedMessageException' },
      })
    }
  })

  it('a user who is not the domain’s admin gets the recorded 403 for the domain’s users', async () => {
    emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
    const client = await loggedIn(emulator.url, 'john.doe@example.com', 'john.doe-password')
    for (const [method, path, body] of [
      ['GET', USERS],
      ['GET', `${USERS}?login=${DEFAULT_LOGIN}`],
      ['POST', USERS, newAccount('x@example.com')],
      ['GET', '/gdc/account/domains/partner-domain/users'],
    ] as const) {
      const answer = await client.call(method, path, body)
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({
        error: {
          errorClass: 'com.gooddata.security.authorization.AuthorizationFailedException',
          message: 'Can be accessed only by domain admin',
          errorCode: 'gdc.security.authorization',
          trace: '',
          parameters: [],
        },
      })
      expect((answer.body as { error: { errorId: string } }).error.errorId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
      )
    }
  })
})

describe('profiles', () => {
  it('current redirects to the caller’s profile; PUT answers the whole profile; the login cannot change', async () => {
    emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
    const { state } = emulator
    const client = await loggedIn(emulator.url, 'john.doe@example.com', 'john.doe-password')
    const john = state.profileByLogin('john.doe@example.com')!
    const current = await client.call('GET', '/gdc/account/profile/current')
    expect({
      status: current.status,
      location: current.headers.get('location'),
      type: current.headers.get('content-type'),
    }).toEqual({ status: 307, location: `/gdc/account/profile/${john.id}`, type: null })
    const put = await client.call<Account>('PUT', `/gdc/account/profile/${john.id}`, {
      accountSetting: {
        firstName: 'Johnny',
        lastName: 'Doe',
        email: 'johnny@example.com',
        authenticationModes: ['SSO'],
      },
    })
    expect(put.status).toBe(200)
    expect(put.body.accountSetting).toMatchObject({
      login: 'john.doe@example.com',
      firstName: 'Johnny',
      email: 'johnny@example.com',
      authenticationModes: ['SSO'],
    })
    expect(
      (await client.call('PUT', `/gdc/account/profile/${john.id}`, { accountSetting: { login: 'other@example.com' } }))
        .status,
    ).toBe(400)
    const jane = state.profileByLogin('jane.smith@example.com')!
    expect(
      (await client.call('PUT', `/gdc/account/profile/${jane.id}`, { accountSetting: { firstName: 'J' } })).status,
    ).toBe(403)
    expect((await client.call('DELETE', `/gdc/account/profile/${jane.id}`)).status).toBe(403)
  })

  it('DELETE answers 200 with no body and no content type; the account leaves the project and its groups; then 404', async () => {
    emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
    const { state } = emulator
    const client = await loggedIn(emulator.url)
    const contractor = state.profileByLogin('old.contractor@example.com')!
    const deleted = await client.call('DELETE', `/gdc/account/profile/${contractor.id}`)
    expect({ status: deleted.status, body: deleted.body, type: deleted.headers.get('content-type') }).toEqual({
      status: 200,
      body: undefined,
      type: null,
    })
    expect(state.membershipOf('old.contractor@example.com')).toBeUndefined()
    expect(state.groupMembers('Legacy team')).toEqual([])
    const gone = await client.call('GET', `/gdc/account/profile/${contractor.id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({
      error: {
        errorClass: 'com.gooddata.commons.http.exception.NotFoundException',
        errorCode: 'gdc.http.client.status.404',
      },
    })
  })
})
