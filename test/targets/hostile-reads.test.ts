import { afterEach, describe, expect, it } from 'vitest'
import { type ApiError, UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import { createGoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import type { HostileAnswer } from '../emulators/gooddata-cloud/hostile-answers.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'
import { recordedOrganization } from '../support/cassettes.js'
import { organization, scenario } from '../support/scenario.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function setUp(options: EmulatorOptions) {
  const emulator: RunningEmulator = await startGoodDataEmulator({ seed: recordedOrganization(), ...options })
  const retries: string[] = []
  const target = createGoodDataCloudTarget({
    host: emulator.url,
    token: DEFAULT_TOKEN,
    // These tests are about the paged entity lists; the adapter reads the layout first where it can.
    readPath: 'entities',
    sleep: async () => {},
    retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 5 },
    onRetry: ({ method, path, reason }) => void retries.push(`${method} ${path} ${reason}`),
  })
  closers.push(
    () => emulator.close(),
    () => target.close(),
  )
  return { emulator, target, retries }
}

const on = (path: string, hostile: HostileAnswer) => (request: { path: string }) =>
  request.path === path ? hostile : undefined
const requestsTo = (emulator: RunningEmulator, path: string) =>
  emulator.requestLog.filter((entry) => entry.path === path).length
/** Requests the emulator has logged once nothing more arrives: answers to cancelled requests are logged late. */
async function requestsOnceQuiet(emulator: RunningEmulator): Promise<number> {
  let count = -1
  while (count !== emulator.requestLog.length) {
    count = emulator.requestLog.length
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return count
}

const USERS = '/api/v1/entities/users'
const GROUPS = '/api/v1/entities/userGroups'
const PROFILE = '/api/v1/profile'
const LAYOUT = '/api/v1/layout/usersAndUserGroups'

describe('readState refuses an answer not as the API describes, naming the request and what was wrong', () => {
  it.each<[string, HostileAnswer, string]>([
    [USERS, { kind: 'data-object' }, '"data" is not a list'],
    [GROUPS, { kind: 'ids-not-strings' }, '"data[0].id" is not a non-empty string'],
    [USERS, { kind: 'malformed-json' }, 'the body is not valid JSON'],
    [GROUPS, { kind: 'html-200' }, 'content type "text/html; charset=utf-8" where JSON was expected'],
    [PROFILE, { kind: 'wrong-content-type' }, 'content type "text/plain" where JSON was expected'],
    [PROFILE, { kind: 'empty-200' }, 'the body is empty'],
    [
      PROFILE,
      { kind: 'profile-without-user-id' },
      '"userId" is missing; is the host a GoodData Cloud or GoodData.CN organization?',
    ],
    [
      USERS,
      { kind: 'page-meta', page: { totalPages: 1e7 } },
      '"meta.page.totalPages" is 10000000, more than the 2,000 pages this reads',
    ],
    [
      USERS,
      { kind: 'page-meta', page: { totalPages: 2 ** 32 + 1 } },
      '"meta.page.totalPages" is 4294967297, more than the 2,000 pages this reads',
    ],
    [
      GROUPS,
      { kind: 'page-meta', page: { totalPages: -1 } },
      '"meta.page.totalPages" is not a whole number of at least 0',
    ],
    [
      GROUPS,
      { kind: 'page-meta', page: { totalPages: 1.5 } },
      '"meta.page.totalPages" is not a whole number of at least 0',
    ],
    [
      GROUPS,
      { kind: 'page-meta', page: { totalPages: '3' } },
      '"meta.page.totalPages" is not a whole number of at least 0',
    ],
    [
      USERS,
      { kind: 'page-meta', page: { totalElements: 1_000_001 } },
      '"meta.page.totalElements" is 1000001, more than the 1,000,000 entities this reads',
    ],
  ])('%s %j', async (path, hostile, problem) => {
    const { emulator, target, retries } = await setUp({ hostile: on(path, hostile) })
    const error = (await target.readState().catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(error.message).toBe(`GET ${path} → answer not as the API describes: ${problem} (trace id ${error.traceId})`)
    expect(error.traceId).toMatch(/^[0-9a-f]{16}$/)
    expect(requestsTo(emulator, path)).toBe(1)
    expect(retries).toEqual([])
    // The other reads stopped with it: profile, organization and the two lists at most, never again.
    expect(await requestsOnceQuiet(emulator)).toBeLessThanOrEqual(4)
  })
})

describe('readState pages a list that never ends a bounded number of times', () => {
  it('stops after the page that adds no new id, when every page is the same', async () => {
    const { emulator, target } = await setUp({ hostile: on(USERS, { kind: 'endless-pages' }) })
    const state = await target.readState()
    expect(state.users).toHaveLength(500)
    expect(
      emulator.requestLog
        .filter((entry) => entry.path === USERS)
        .map((entry) => new URLSearchParams(entry.query).get('page')),
    ).toEqual(['0', '1'])
  })
})

describe('readState when one read fails', () => {
  it('cancels the reads in flight, retries nothing, and answers the first failure at once', async () => {
    const { emulator, target, retries } = await setUp({
      latencyMs: 1_500,
      injectFault: ({ path }) => (path === USERS ? '403' : undefined),
    })
    const started = Date.now()
    const error = (await target.readState().catch((caught: unknown) => caught)) as ApiError
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(error.message).toBe(`GET ${USERS} → 403 Forbidden: Injected forbidden. (trace id ${error.traceId})`)
    expect(retries).toEqual([])
    await target.close()
    expect(emulator.requestLog.map((entry) => `${entry.path} ${entry.status}`)).toEqual([`${USERS} 403`])
  })

  it('cancels the other pages of a counted list', async () => {
    const users = Array.from({ length: 50_000 }, (_, i) => ({ id: `u${i}`, attributes: {}, userGroups: [] }))
    let lists = 0
    const { emulator, target, retries } = await setUp({
      seed: organization({ users }),
      injectFault: ({ path }) => (path === USERS && ++lists === 4 ? '400' : undefined),
    })
    const error = (await target.readState().catch((caught: unknown) => caught)) as ApiError
    expect(error).toMatchObject({ status: 400, path: USERS, attempts: 1 })
    expect(retries).toEqual([])
    // 100 pages, 8 at a time: the fourth fails and those in flight are the last.
    expect(await requestsOnceQuiet(emulator)).toBeLessThanOrEqual(16)
  })
})

describe('the CLI on an answer not as the API describes', () => {
  it('exits 1 with the typed message, not 70 with an internal error', async () => {
    const s = await scenario(
      { 'users.yaml': 'users: []\n' },
      { seed: organization(), hostile: on(LAYOUT, { kind: 'data-object' }) },
    )
    closers.push(s.close)
    const result = await s.run('plan')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(
      /^error: the target answered GET \/api\/v1\/layout\/usersAndUserGroups → answer not as the API describes: "users" is missing \(trace id [0-9a-f]{16}\)\nNothing was changed by this step\.\n$/,
    )
  })
})
