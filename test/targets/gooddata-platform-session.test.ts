import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { GOODDATA_PLATFORM } from '../../src/core/targets/profiles.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import { DEFAULT_LOGIN, DEFAULT_PASSWORD, DEFAULT_PROJECT } from '../emulators/gooddata-platform/server.js'
import { loggedIn } from '../emulators/gooddata-platform/test-client.js'
import { desiredGroup, desiredUser } from '../support/states.js'
import {
  applyOnce,
  issuedSecrets,
  legacy,
  platformSessions,
  platformTarget,
  requestLines,
} from './gooddata-platform-setup.js'

const setUp = platformSessions()
const TOKEN = 'GET /gdc/account/token'
const LOGIN = 'POST /gdc/account/login'

/** examples/gooddata-platform in short: enough changes for a few dozen requests. */
const DEMO = legacy(
  [
    desiredUser(DEFAULT_LOGIN, { firstname: 'Domain', lastname: 'Admin', role: 'adminRole' }),
    desiredUser('john.doe@example.com', {
      firstname: 'John',
      lastname: 'Doe',
      role: 'readOnlyUser',
      userGroups: ['analysts'],
    }),
    desiredUser('jane.smith@example.com', {
      firstname: 'Jane',
      lastname: 'Smith',
      role: 'editor',
      userGroups: ['analysts', 'data-engineers'],
    }),
    desiredUser('maria.garcia@example.com', {
      firstname: 'María',
      lastname: 'García',
      userGroups: ['finance-viewers'],
    }),
    desiredUser('sara.nilsson@example.com', { firstname: 'Sara', lastname: 'Nilsson', role: 'adminRole' }),
    desiredUser('li.wei@example.com', {
      firstname: 'Li',
      lastname: 'Wei',
      role: 'editor',
      userGroups: ['data-engineers'],
    }),
    desiredUser('sam.lee@example.com', {
      firstname: 'Sam',
      lastname: 'Lee',
      role: 'dashboardOnly',
      userGroups: ['analysts', 'newcomers'],
    }),
  ],
  [
    desiredGroup('analysts', { name: 'Analysts' }),
    desiredGroup('data-engineers', { name: 'Data engineers' }),
    desiredGroup('finance-viewers', { name: 'Finance viewers' }),
    desiredGroup('newcomers', { name: 'Newcomers' }),
  ],
)

const count = (lines: string[], line: string) => lines.filter((each) => each === line).length

describe('the session: login, temporary tokens, logout', () => {
  it('logs in once, buys a TT, and logs out at close', async () => {
    const { emulator, target } = await setUp()
    await target.readState()
    await target.close()
    const lines = requestLines(emulator)
    expect(lines.slice(0, 2)).toEqual([LOGIN, TOKEN])
    expect(count(lines, LOGIN)).toBe(1)
    const admin = emulator.state.profileByLogin(DEFAULT_LOGIN)!
    expect(lines.at(-1)).toBe(`DELETE /gdc/account/login/${admin.id}`)
    expect(emulator.requestLog.at(-1)!.status).toBe(204)
    const login = emulator.requestLog[0]!.requestBody as { postUserLogin: Record<string, unknown> }
    expect(login.postUserLogin).toEqual({
      login: DEFAULT_LOGIN,
      password: DEFAULT_PASSWORD,
      remember: 0,
      verify_level: 2,
    })
  })

  it('renews the TT once for every request that failed with it together', async () => {
    const { emulator, target } = await setUp()
    await target.readState()
    const before = emulator.requestLog.length
    emulator.state.sessions.expireTemporaryTokens()
    await target.readState()
    const lines = requestLines(emulator, before)
    expect(count(lines, TOKEN)).toBe(1)
    expect(emulator.requestLog.slice(before).filter((entry) => entry.status === 401).length).toBeGreaterThan(1)
  })

  // A renewed TT must outlive the requests queued before the retry of the one that renewed it:
  // each request is renewed for once. The platform's TTs live ten minutes (wire facts §C G9).
  it('completes an apply while its TT expires every few dozen requests, and the next plan has nothing to do', async () => {
    const { emulator, target, retries } = await setUp({ ttRequests: 25 })
    const { result } = await applyOnce(target, DEMO)
    expect(result.counts).toEqual({ applied: 10, failed: 0, skipped: 0 })
    expect(count(requestLines(emulator), TOKEN)).toBeGreaterThan(1)
    expect(emulator.requestLog.filter((entry) => entry.status === 401).length).toBeGreaterThan(0)
    expect(count(requestLines(emulator), LOGIN)).toBe(1)
    expect(retries).toEqual([])
    expect(computePlan(DEMO, await target.readState(), { profile: GOODDATA_PLATFORM }).changes).toEqual([])
  })

  it('logs in again when the SST itself is spent, with the password it has', async () => {
    const { emulator, target } = await setUp({ ttRequests: 25, sstRequests: 1 })
    const { result } = await applyOnce(target, DEMO)
    expect(result.counts.failed).toBe(0)
    expect(count(requestLines(emulator), LOGIN)).toBe(2)
  })

  it('a refused password is one clear error for every request, naming neither login nor password', async () => {
    const { emulator, target } = await setUp(
      {},
      { credentials: { username: DEFAULT_LOGIN, password: 'not-the-password' } },
    )
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    const message = (error as Error).message
    expect(message).toMatch(
      /^POST \/gdc\/account\/login → 401: the login or password was refused; check the username and password given for a domain admin \(trace id :/,
    )
    expect(message).not.toContain('not-the-password')
    expect(message).not.toContain(DEFAULT_LOGIN)
    expect(requestLines(emulator)).toEqual([LOGIN])
    await target.close()
    expect(requestLines(emulator)).toEqual([LOGIN])
  })

  it('works with an SST alone: finds whose it is from the current profile, and leaves it open at close', async () => {
    const { emulator, target: unused } = await setUp()
    await unused.close()
    expect(emulator.requestLog).toEqual([])
    const holder = await loggedIn(emulator.url)
    const { target } = await setUp({}, { host: emulator.url, credentials: { sst: holder.sst! } })
    const state = await target.readState()
    expect(state.protectedIds[0]).toEqual({ kind: 'user', id: DEFAULT_LOGIN, reason: 'the logged-in user' })
    await target.close()
    expect(requestLines(emulator)).toContain('GET /gdc/account/profile/current')
    expect(requestLines(emulator).filter((line) => line.startsWith('DELETE /gdc/account/login/'))).toEqual([])
    expect((await holder.refreshToken()).status).toBe(200)
  })

  it('an SST the platform refuses is a clear error that never quotes it', async () => {
    const { emulator, target } = await setUp({}, { credentials: { sst: 'emulator-sst-made-up-and-expired' } })
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as Error).message).toBe(
      'GET /gdc/account/token → 401: the SST is no longer valid; pass a new one or use GDC_USERNAME and GDC_PASSWORD',
    )
    expect(count(requestLines(emulator), TOKEN)).toBe(1)
  })

  it('an SST that expires during the run ends it with the same error, without trying to log in', async () => {
    const { emulator } = await setUp()
    const holder = await loggedIn(emulator.url)
    const { target } = await setUp({}, { host: emulator.url, credentials: { sst: holder.sst! } })
    await target.readState()
    const before = emulator.requestLog.length
    emulator.state.sessions.expireSessions()
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as Error).message).toMatch(
      /the SST is no longer valid; pass a new one or use GDC_USERNAME and GDC_PASSWORD/,
    )
    expect((error as Error).message).not.toContain(holder.sst!)
    expect(count(requestLines(emulator, before), TOKEN)).toBe(1)
    expect(count(requestLines(emulator, before), LOGIN)).toBe(0)
  })

  it('no error, retry event or failed item ever holds the password, the SST or a TT, even where the server quotes one', async () => {
    const faulted = new Set<string>()
    const { emulator, target, retries } = await setUp(
      {
        ttRequests: 25,
        quoteToken: ({ method, path }) =>
          method === 'PUT' || (method === 'DELETE' && path.startsWith(`/gdc/projects/${DEFAULT_PROJECT}/users/`)),
        // Each group's members answer 503 once, and are read again.
        injectFault: ({ method, path }) =>
          method === 'GET' && path.endsWith('/members') && !faulted.has(path) ? (faulted.add(path), '503') : undefined,
      },
      { settings: platformTarget({ removal: 'remove-from-project' }) },
    )
    // John and old.contractor leave the project, Jane gets a new first name, Li Wei joins with her names, a group gets its new name: each answered with the token quoted.
    const users = DEMO.users
      .filter((user) => user.id !== 'john.doe@example.com')
      .map((user) => (user.id === 'jane.smith@example.com' ? { ...user, firstname: 'Janet' } : user))
    const desired = legacy(users, [...DEMO.userGroups], { removal: 'remove-from-project' })
    const { result } = await applyOnce(target, desired)
    const messages = result.journal.flatMap((entry) => (entry.outcome === 'failed' ? [entry.error] : []))
    expect(messages).toHaveLength(5)
    expect(messages.every((message) => message.includes('The token *** is not accepted here.'))).toBe(true)
    expect(retries.filter((retry) => retry.endsWith('/members status 503'))).toHaveLength(4)
    const bad = await setUp(
      {},
      { host: emulator.url, credentials: { username: DEFAULT_LOGIN, password: 'wrong-password' } },
    )
    messages.push(String(await bad.target.readState().catch((error: unknown) => (error as Error).message)))
    const secrets = [...issuedSecrets(emulator), 'wrong-password']
    expect(secrets.length).toBeGreaterThan(5)
    for (const text of [...messages, ...retries]) for (const secret of secrets) expect(text).not.toContain(secret)
  })
})
