import { describe, expect, it } from 'vitest'
import { ApiError, UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import { DEMO_DOMAIN } from '../emulators/opendatasoft/demo-domain.js'
import type { HostileAnswer } from '../emulators/opendatasoft/hostile-answers.js'
import { startOpendatasoftEmulator } from '../emulators/opendatasoft/server.js'
import { manyUsers, opendatasoftSessions, requestLines } from './opendatasoft-setup.js'

const setUp = opendatasoftSessions()
const USERS = '/api/automation/v1.0/users/'
const GROUPS = '/api/automation/v1.0/groups/'
const on = (path: string, hostile: HostileAnswer) => (request: { path: string }) =>
  request.path === path ? hostile : undefined

describe('OpendatasoftTarget.readState', () => {
  it('reads the demo domain: users with their groups and permissions, groups by uid, the staff account protected', async () => {
    const { emulator, target } = await setUp()
    const state = await target.readState()
    expect(state.users).toEqual([
      {
        id: 'admin',
        firstname: 'Domain',
        lastname: 'Admin',
        email: 'admin@example.com',
        userGroups: ['domain_administrators'],
        permissions: ['edit_domain'],
        unmanaged: {},
      },
      {
        id: 'jane.smith',
        firstname: 'Jane',
        lastname: 'Smith',
        email: 'jane.smith@example.com',
        userGroups: ['analysts'],
        permissions: [],
        unmanaged: {},
      },
      {
        id: 'john.doe',
        firstname: 'John',
        lastname: 'Doe',
        email: 'john.doe@old-domain.example',
        userGroups: ['analysts'],
        permissions: [],
        unmanaged: {},
      },
      {
        id: 'maria.garcia',
        firstname: 'Maria',
        lastname: 'Garcia',
        email: 'maria.garcia@example.com',
        userGroups: ['analysts', 'data_engineers'],
        permissions: ['edit_dataset'],
        unmanaged: {},
      },
      {
        id: 'ods.support',
        firstname: 'Opendatasoft',
        lastname: 'Support',
        email: 'support@opendatasoft.example',
        userGroups: [],
        permissions: [],
        unmanaged: {},
      },
      {
        id: 'old.contractor',
        firstname: 'Old',
        lastname: 'Contractor',
        email: 'old.contractor@example.com',
        userGroups: ['analysts', 'legacy_team'],
        permissions: [],
        unmanaged: {},
      },
      // Empty first and last names are absent, as the config has them.
      { id: 'sso-bot', email: 'sso-bot@example.com', userGroups: [], permissions: [], unmanaged: {} },
    ])
    expect(state.userGroups).toEqual([
      {
        id: 'domain_administrators',
        ref: 'domain_administrators',
        name: 'Domain administrators',
        parents: [],
        permissions: ['edit_domain'],
      },
      {
        id: 'analysts',
        ref: 'analysts',
        name: 'Analysts',
        parents: [],
        permissions: ['explore_restricted_dataset', 'explore_restricted_page'],
      },
      {
        id: 'data_engineers',
        ref: 'data_engineers',
        name: 'Data engineers',
        parents: [],
        permissions: ['create_dataset', 'edit_dataset', 'publish_dataset'],
      },
      { id: 'legacy_team', ref: 'legacy_team', name: 'Legacy team', parents: [], permissions: [] },
    ])
    expect(state.protectedIds).toEqual([
      { kind: 'user', id: 'ods.support', reason: 'an Opendatasoft staff account (is_ods)' },
    ])
    expect(emulator.requestLog.map((entry) => `${entry.method} ${entry.path}?${entry.query}`).sort()).toEqual([
      `GET ${GROUPS}?limit=1000&offset=0`,
      `GET ${USERS}?limit=1000&offset=0`,
    ])
  })

  it('keeps the writable fields it does not manage, such as explore_limits, to send back', async () => {
    const quota = {
      username: 'quota',
      email: 'quota@example.com',
      explore_limits: { api_calls: { limit: 100, unit: 'day' } },
    }
    const { target } = await setUp({ seed: { ...DEMO_DOMAIN, users: [...DEMO_DOMAIN.users!, quota] } })
    const user = (await target.readState()).users.find((found) => found.id === 'quota')
    expect(user?.unmanaged).toEqual({ explore_limits: { api_calls: { limit: 100, unit: 'day' } } })
  })

  it('follows next across pages of 1,000: 2,501 users in three requests', async () => {
    const { emulator, target } = await setUp({ seed: { apiKeyUser: 'u0000', users: manyUsers(2_501) } })
    const state = await target.readState()
    expect(state.users).toHaveLength(2_501)
    expect(state.users.at(-1)).toMatchObject({ id: 'u2500', email: 'u2500@example.com' })
    const userPages = emulator.requestLog.filter((entry) => entry.path === USERS).map((entry) => entry.query)
    expect(userPages).toEqual(['limit=1000&offset=0', 'limit=1000&offset=1000', 'limit=1000&offset=2000'])
  })

  it('takes limit and offset from next, and reads a host-relative next on the same origin too', async () => {
    const { emulator, target } = await setUp({ hostile: on(GROUPS, { kind: 'relative-links' }) }, { pageSize: 3 })
    const state = await target.readState()
    expect(state.users.map((user) => user.id)).toHaveLength(7)
    expect(state.userGroups.map((group) => group.id)).toEqual([
      'domain_administrators',
      'analysts',
      'data_engineers',
      'legacy_team',
    ])
    expect(emulator.requestLog.map((entry) => `${entry.path}?${entry.query}`).sort()).toEqual([
      `${GROUPS}?limit=3&offset=0`,
      `${GROUPS}?limit=3&offset=3`,
      `${USERS}?limit=3&offset=0`,
      `${USERS}?limit=3&offset=3`,
      `${USERS}?limit=3&offset=6`,
    ])
  })

  it('never follows a next that points at another origin', async () => {
    const elsewhere = await startOpendatasoftEmulator()
    try {
      const { target } = await setUp(
        { hostile: on(USERS, { kind: 'foreign-next', origin: elsewhere.url }) },
        { pageSize: 2 },
      )
      const error = await target.readState().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(UnexpectedAnswerError)
      expect((error as UnexpectedAnswerError).problem).toBe(
        '"next" points at another origin; only links to the host itself are followed',
      )
      expect(elsewhere.requestLog).toEqual([])
    } finally {
      await elsewhere.close()
    }
  })

  it('stops at the page bound when next never ends', async () => {
    const { emulator, target } = await setUp(
      { hostile: on(GROUPS, { kind: 'endless-pages' }) },
      { pageSize: 10, maxPages: 3 },
    )
    const error = (await target.readState().catch((caught: unknown) => caught)) as UnexpectedAnswerError
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(error.message).toBe(
      `GET ${GROUPS} → answer not as the API describes: still a next page after 3 pages (30 items), the most this reads`,
    )
    expect(emulator.requestLog.filter((entry) => entry.path === GROUPS)).toHaveLength(3)
  })

  it('stops at a page that adds nothing it had not seen', async () => {
    const { emulator, target } = await setUp(
      { hostile: on(USERS, { kind: 'set-field', path: 'results', value: [] }) },
      { pageSize: 2 },
    )
    expect((await target.readState()).users).toEqual([])
    expect(requestLines(emulator).filter((line) => line.endsWith(USERS))).toHaveLength(1)
  })
})

describe('readState refuses an answer not as the API describes, naming the field and never quoting the server', () => {
  const MARK = 'SERVER-TEXT-MARK'
  it.each<[string, HostileAnswer, string]>([
    [USERS, { kind: 'set-field', path: 'results', value: { MARK } }, '"results" is not a list'],
    [
      USERS,
      { kind: 'set-field', path: 'results.2.username', value: [MARK] },
      '"results[2].username" is not a name a URL can address (not empty, "." or "..")',
    ],
    [
      USERS,
      { kind: 'set-field', path: 'results.1.username', value: '..' },
      '"results[1].username" is not a name a URL can address (not empty, "." or "..")',
    ],
    [
      USERS,
      { kind: 'set-field', path: 'results.0.groups.0', value: { title: MARK } },
      '"results[0].groups[0].uid" is missing',
    ],
    [
      USERS,
      { kind: 'set-field', path: 'results.1.permissions', value: MARK },
      '"results[1].permissions" is not a list',
    ],
    [USERS, { kind: 'set-field', path: 'results.1.is_ods', value: MARK }, '"results[1].is_ods" is not true or false'],
    [GROUPS, { kind: 'set-field', path: 'results.1.title', value: null }, '"results[1].title" is not a string'],
    [
      GROUPS,
      { kind: 'set-field', path: 'results.0.uid', value: '' },
      '"results[0].uid" is not a name a URL can address (not empty, "." or "..")',
    ],
    [
      GROUPS,
      { kind: 'set-field', path: 'results.0.uid', value: '.' },
      '"results[0].uid" is not a name a URL can address (not empty, "." or "..")',
    ],
    [GROUPS, { kind: 'set-field', path: 'next', value: 42 }, '"next" is not a link or null'],
    [
      GROUPS,
      {
        kind: 'set-field',
        path: 'next',
        value: `http://127.0.0.1:1/api/automation/v1.0/groups/?limit=2&offset=2&${MARK}`,
      },
      '"next" points at another origin; only links to the host itself are followed',
    ],
    [
      GROUPS,
      { kind: 'set-field', path: 'next', value: `/api/automation/v1.0/users/?limit=2&offset=2` },
      '"next" points outside this list',
    ],
    [
      GROUPS,
      { kind: 'set-field', path: 'next', value: `/api/automation/v1.0/groups/?limit=2&offset=0` },
      '"next" has no "offset" past this page',
    ],
    [
      GROUPS,
      { kind: 'set-field', path: 'next', value: `/api/automation/v1.0/groups/?limit=5000&offset=2` },
      '"next" has no "limit" from 1 to 1000',
    ],
    [USERS, { kind: 'empty-200' }, 'the body is empty'],
    [USERS, { kind: 'malformed-json' }, 'the body is not valid JSON'],
    [GROUPS, { kind: 'html-200' }, 'content type "text/html; charset=utf-8" where JSON was expected'],
  ])('%s %j', async (path, hostile, problem) => {
    const { target } = await setUp({ hostile: on(path, hostile) }, { pageSize: 2 })
    const error = (await target.readState().catch((caught: unknown) => caught)) as UnexpectedAnswerError
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(error.problem).toBe(problem)
    expect(error.path).toBe(path)
    expect(error.message).not.toContain(MARK)
  })

  it('fails with 401 on a wrong key, and the error holds no key', async () => {
    const { target } = await setUp({}, { apiKey: 'not-the-key-of-this-domain' })
    const error = (await target.readState().catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(error.message).toMatch(
      /^GET \/api\/automation\/v1\.0\/(users|groups)\/ → 401 Authentication credentials were missing or invalid\.$/,
    )
    expect(`${error.message} ${error.stack}`).not.toContain('not-the-key-of-this-domain')
  })
})
