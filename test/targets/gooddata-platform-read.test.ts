import { describe, expect, it } from 'vitest'
import { ApiError, UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import { readPlatformError } from '../../src/shell/targets/gooddata-platform/gooddata-platform-dialect.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  type UserSeed,
} from '../emulators/gooddata-platform/server.js'
import { groupNamed, platformSessions } from './gooddata-platform-setup.js'

const setUp = platformSessions()
const PROJECT_USERS = `/gdc/projects/${DEFAULT_PROJECT}/users`
const DOMAIN_USERS = `/gdc/account/domains/${DEFAULT_DOMAIN}/users`

/** The domain admin and `count` more accounts of the domain, the first `inProject` of them project members. */
function manyUsers(count: number, inProject: number): UserSeed[] {
  const admin: UserSeed = {
    login: DEFAULT_LOGIN,
    password: DEFAULT_PASSWORD,
    firstName: 'Domain',
    lastName: 'Admin',
    domainAdmin: true,
    role: 'adminRole',
  }
  const others = Array.from(
    { length: count },
    (_, i): UserSeed => ({
      login: `u${String(i).padStart(3, '0')}@example.com`,
      firstName: 'U',
      lastName: String(i),
      ...(i < inProject ? { role: 'editorRole' } : {}),
    }),
  )
  return [admin, ...others]
}

describe('reading a legacy GoodData Platform project', () => {
  it('reads the demo project: members by login with role and status, groups by opaque id, the roles, and who is protected', async () => {
    const { emulator, target } = await setUp()
    const state = await target.readState()
    const analysts = groupNamed(emulator, 'Analysts')!.id
    const engineers = groupNamed(emulator, 'Data engineers')!.id
    const profileOf = (login: string) => `/gdc/account/profile/${emulator.state.profileByLogin(login)!.id}`
    expect(state.users.find((user) => user.id === 'jane.smith@example.com')).toEqual({
      id: 'jane.smith@example.com',
      ref: profileOf('jane.smith@example.com'),
      firstname: 'Jane',
      lastname: 'Smith',
      role: 'editorRole',
      disabled: false,
      userGroups: [analysts, engineers].sort(),
      unmanaged: {},
    })
    expect(state.users.find((user) => user.id === 'maria.garcia@example.com')).toMatchObject({
      role: 'readOnlyUserRole',
      disabled: true,
    })
    // In the domain, not in the project: not a user of this project.
    expect(state.users.map((user) => user.id)).not.toContain('li.wei@example.com')
    expect(state.users).toHaveLength(7)
    expect(state.userGroups.find((group) => group.name === 'Analysts')).toEqual({
      id: analysts,
      ref: `/gdc/userGroups/${analysts}`,
      name: 'Analysts',
      parents: [],
    })
    expect(state.userGroups.map((group) => group.name).sort()).toEqual([
      'Analysts',
      'Data engineers',
      'Legacy team',
      'finance viewers',
    ])
    expect(state.roles).toContain('adminRole')
    expect(state.roles).toHaveLength(12)
    expect(state.protectedIds).toEqual([
      { kind: 'user', id: DEFAULT_LOGIN, reason: 'the logged-in user' },
      { kind: 'user', id: 'partner.analyst@partner.example', reason: 'an account of another domain (partner-domain)' },
    ])
  })

  it('pages the domain by its next links and the project by full pages, each until a short page', async () => {
    const { emulator, target } = await setUp({ seed: { users: manyUsers(24, 21) } }, { pageSize: 10 })
    const state = await target.readState()
    expect(state.users).toHaveLength(22)
    const queries = (path: string) =>
      emulator.requestLog.filter((entry) => entry.path === path).map((entry) => entry.query)
    expect(queries(DOMAIN_USERS)).toEqual(['offset=0&limit=10', 'offset=10&limit=10', 'offset=20&limit=10'])
    expect(queries(PROJECT_USERS)).toEqual(['offset=0&limit=10', 'offset=10&limit=10', 'offset=20&limit=10'])
  })

  it('asks once more after a full last page, and stops at the empty one', async () => {
    const { emulator, target } = await setUp({ seed: { users: manyUsers(19, 19) } }, { pageSize: 10 })
    expect((await target.readState()).users).toHaveLength(20)
    const queries = (path: string) =>
      emulator.requestLog.filter((entry) => entry.path === path).map((entry) => entry.query)
    expect(queries(DOMAIN_USERS)).toEqual(['offset=0&limit=10', 'offset=10&limit=10', 'offset=20&limit=10'])
    expect(queries(PROJECT_USERS)).toEqual(['offset=0&limit=10', 'offset=10&limit=10', 'offset=20&limit=10'])
  })

  it('reads at most maxPages of a list, then stops with an error naming the list', async () => {
    const { target } = await setUp({ seed: { users: manyUsers(30, 2) } }, { pageSize: 10, maxPages: 2 })
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect((error as Error).message).toMatch(
      `GET ${DOMAIN_USERS} → answer not as the API describes: still a next page after 2 pages (20 items), the most this reads (trace id`,
    )
  })

  it('refuses an answer that is not the list, naming the request and never quoting the body', async () => {
    const { target } = await setUp({
      hostile: ({ method, path }) => (method === 'GET' && path === PROJECT_USERS ? { kind: 'html-200' } : undefined),
    })
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect((error as Error).message).toMatch(new RegExp(`^GET ${PROJECT_USERS} → answer not as the API describes: `))
    expect((error as Error).message).not.toContain('Sign in')
  })

  it('says what the four error envelopes say, their %s filled in order', async () => {
    expect(
      readPlatformError({
        error: {
          errorClass: 'X',
          trace: '',
          message: 'Login name %s is already registered.',
          component: 'Webapp',
          errorId: 'e',
          errorCode: 'c',
          parameters: ['a@b.c'],
        },
      }),
    ).toEqual({
      title: 'Login name a@b.c is already registered.',
    })
    expect(
      readPlatformError({
        error: {
          parameters: ['1234', 5],
          requestId: 'req1:x',
          component: 'Projects',
          errorClass: 'GDC::Exception::NotFound',
          message: "User uid %s doesn't exist (%s, %s).",
        },
      }),
    ).toEqual({
      title: "User uid 1234 doesn't exist (5, %s).",
      traceId: 'req1:x',
    })
    expect(
      readPlatformError({
        error: { code: 401, message: 'Authorization Required', description: 'This server could not verify…' },
      }),
    ).toEqual({ title: 'Authorization Required', detail: 'This server could not verify…' })
    expect(readPlatformError({ component: 'Webapp', message: 'Bad Login or Password!', parameters: [] })).toEqual({
      title: 'Bad Login or Password!',
    })
    expect(readPlatformError('text')).toEqual({})
  })

  it('fails a read the server refuses with its own words and the trace id it answered', async () => {
    const { target } = await setUp({
      injectFault: ({ method, path }) =>
        method === 'GET' && path === `/gdc/projects/${DEFAULT_PROJECT}/roles` ? '403' : undefined,
    })
    const error = await target.readState().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(
      new RegExp(
        `^GET /gdc/projects/${DEFAULT_PROJECT}/roles → 403 Injected forbidden\\. \\(trace id :[\\w-]{22}:[\\w-]{22}:[\\w-]{16}\\)$`,
      ),
    )
  })
})
