import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PROJECT } from './demo-project.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  startGoodDataPlatformEmulator,
  type RunningGoodDataPlatformEmulator,
  type UserSeed,
} from './server.js'
import { loggedIn, type PlatformTestClient } from './test-client.js'

let emulator: RunningGoodDataPlatformEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

type ProjectUsers = { users: { user: { content: { login: string; status: string; userRoles: string[] } } }[] }
type UpdateResult = { projectUsersUpdateResult: { successful: string[]; failed: { user: string; message: string }[] } }

const PROJECT = `/gdc/projects/${DEFAULT_PROJECT}`
const role = (n: number) => `${PROJECT}/roles/${n}`
const entry = (self: string, content: Record<string, unknown>) => ({ user: { content, links: { self } } })

async function demo(): Promise<{ client: PlatformTestClient; id: (login: string) => string }> {
  emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
  const state = emulator.state
  return { client: await loggedIn(emulator.url), id: (login) => state.profileByLogin(login)!.id }
}

describe("the project's users", () => {
  it('have no paging object: a full page means ask again, a short or empty one means done; limit up to 1000, 100 by default', async () => {
    const members: UserSeed[] = Array.from({ length: 1049 }, (_, i) => ({
      login: `member${i}@example.com`,
      role: 'readOnlyUserRole',
    }))
    emulator = await startGoodDataPlatformEmulator({
      seed: {
        users: [{ login: DEFAULT_LOGIN, password: DEFAULT_PASSWORD, domainAdmin: true, role: 'adminRole' }, ...members],
      },
    })
    const client = await loggedIn(emulator.url)
    const sizes: number[] = []
    for (let offset = 0; ; offset += 1000) {
      const page = await client.call<ProjectUsers>('GET', `${PROJECT}/users?offset=${offset}&limit=1000`)
      expect(Object.keys(page.body)).toEqual(['users'])
      sizes.push(page.body.users.length)
      if (page.body.users.length < 1000) break
    }
    expect(sizes).toEqual([1000, 50])
    expect((await client.call<ProjectUsers>('GET', `${PROJECT}/users`)).body.users).toHaveLength(100)
    expect((await client.call<ProjectUsers>('GET', `${PROJECT}/users/?offset=1040&limit=50`)).body.users).toHaveLength(
      10,
    )
    expect((await client.call<ProjectUsers>('GET', `${PROJECT}/users?offset=0&limit=5000`)).body.users).toHaveLength(
      1000,
    )
    expect((await client.call('GET', `${PROJECT}/users?offset=2000&limit=1000`)).body).toEqual({ users: [] })
  })

  it('list DISABLED members with their roles and the other domain’s member, whom the domain does not list', async () => {
    const { client } = await demo()
    const users = (await client.call<ProjectUsers>('GET', `${PROJECT}/users?offset=0&limit=1000`)).body.users.map(
      (each) => each.user.content,
    )
    expect(users.find((user) => user.login === 'maria.garcia@example.com')).toMatchObject({
      status: 'DISABLED',
      userRoles: [role(4)],
    })
    expect(users.find((user) => user.login === 'partner.analyst@partner.example')).toMatchObject({
      status: 'ENABLED',
      userRoles: [role(8)],
    })
    expect(users.map((user) => user.login)).not.toContain('li.wei@example.com')
    const domain = await client.call<{ accountSettings: { items: { accountSetting: { login: string } }[] } }>(
      'GET',
      `/gdc/account/domains/${DEFAULT_DOMAIN}/users?limit=1000`,
    )
    expect(domain.body.accountSettings.items.map((item) => item.accountSetting.login)).not.toContain(
      'partner.analyst@partner.example',
    )
  })

  it('a batch answers 200 with successful (the URIs as sent) and failed items, and applies only the successful ones', async () => {
    const { client, id } = await demo()
    const unknown = '/gdc/account/profile/nobody@example.com'
    const answer = await client.call<UpdateResult>('POST', `${PROJECT}/users`, {
      users: [
        entry(`/gdc/account/profile/${id('john.doe@example.com')}`, { status: 'ENABLED', userRoles: [role(4)] }),
        entry('/gdc/account/profile/maria.garcia@example.com', { status: 'ENABLED' }),
        entry('/gdc/account/profile/li.wei@example.com', { status: 'ENABLED', userRoles: [role(5), role(8)] }),
        entry(unknown, { status: 'ENABLED', userRoles: [role(4)] }),
        entry('/gdc/account/profile/jane.smith@example.com', { status: 'ENABLED', userRoles: [role(99)] }),
        entry('/gdc/account/profile/old.contractor@example.com', { status: 'DISABLED' }),
      ],
    })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8')
    const { successful, failed } = answer.body.projectUsersUpdateResult
    expect(successful).toEqual([
      `/gdc/account/profile/${id('john.doe@example.com')}`,
      '/gdc/account/profile/maria.garcia@example.com',
      '/gdc/account/profile/li.wei@example.com',
      '/gdc/account/profile/old.contractor@example.com',
    ])
    expect(failed).toEqual([
      { user: unknown, message: "Cannot add user to project. User doesn't exist" },
      { user: '/gdc/account/profile/jane.smith@example.com', message: expect.stringContaining('Unknown role') },
    ])
    const state = emulator!.state
    expect(state.membershipOf('john.doe@example.com')).toEqual({ roles: ['readOnlyUserRole'], status: 'ENABLED' })
    expect(state.membershipOf('maria.garcia@example.com')).toEqual({ roles: ['readOnlyUserRole'], status: 'ENABLED' })
    expect(state.membershipOf('li.wei@example.com')).toEqual({
      roles: ['editorRole', 'explorerRole'],
      status: 'ENABLED',
    })
    expect(state.membershipOf('jane.smith@example.com')).toEqual({ roles: ['editorRole'], status: 'ENABLED' })
    expect(state.membershipOf('old.contractor@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'DISABLED',
    })
  })

  it('the single {user} form works; a user of another domain cannot be added directly; a new member needs a role', async () => {
    emulator = await startGoodDataPlatformEmulator({
      seed: {
        ...DEMO_PROJECT,
        users: [...DEMO_PROJECT.users!, { login: 'outsider@partner.example', domain: 'partner-domain' }],
      },
    })
    const client = await loggedIn(emulator.url)
    const add = (self: string, content: Record<string, unknown>) =>
      client.call<UpdateResult>('POST', `${PROJECT}/users`, entry(self, content))
    expect(
      (await add('/gdc/account/profile/li.wei@example.com', { status: 'ENABLED', userRoles: [role(4)] })).body
        .projectUsersUpdateResult,
    ).toEqual({ successful: ['/gdc/account/profile/li.wei@example.com'], failed: [] })
    expect(
      (await add('/gdc/account/profile/outsider@partner.example', { status: 'ENABLED', userRoles: [role(4)] })).body
        .projectUsersUpdateResult.failed,
    ).toHaveLength(1)
    expect(
      (await client.call('DELETE', `${PROJECT}/users/${emulator.state.profileByLogin('li.wei@example.com')!.id}`))
        .status,
    ).toBe(200)
    expect(
      (await add('/gdc/account/profile/li.wei@example.com', { status: 'ENABLED' })).body.projectUsersUpdateResult
        .failed[0]!.message,
    ).toContain('no role')
    expect(
      (
        await client.call('POST', `${PROJECT}/users`, {
          users: [{ user: { content: { status: 'GONE' }, links: { self: '/gdc/account/profile/x' } } }],
        })
      ).status,
    ).toBe(400)
  })
})

describe('the last enabled admin', () => {
  it('cannot be disabled, demoted or removed (403, nothing of the batch applied); other admins can', async () => {
    const { client, id } = await demo()
    const state = emulator!.state
    const sara = '/gdc/account/profile/sara.nilsson@example.com'
    expect(
      (await client.call<UpdateResult>('POST', `${PROJECT}/users`, entry(sara, { status: 'DISABLED' }))).body
        .projectUsersUpdateResult.successful,
    ).toEqual([sara])
    const admin = `/gdc/account/profile/${id(DEFAULT_LOGIN)}`
    for (const content of [{ status: 'DISABLED' }, { status: 'ENABLED', userRoles: [role(5)] }]) {
      const refused = await client.call('POST', `${PROJECT}/users`, {
        users: [entry('/gdc/account/profile/john.doe@example.com', { status: 'DISABLED' }), entry(admin, content)],
      })
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({
        error: { errorClass: 'GDC::Exception::Forbidden', parameters: ['adminRole'], component: 'Projects' },
      })
    }
    const removed = await client.call('DELETE', `${PROJECT}/users/${id(DEFAULT_LOGIN)}`)
    expect(removed.status).toBe(403)
    expect(state.membershipOf('john.doe@example.com')).toEqual({ roles: ['editorRole'], status: 'ENABLED' })
    expect(state.membershipOf(DEFAULT_LOGIN)).toEqual({ roles: ['adminRole'], status: 'ENABLED' })
    const saraRemoved = await client.call('DELETE', `${PROJECT}/users/${id('sara.nilsson@example.com')}`)
    expect({
      status: saraRemoved.status,
      body: saraRemoved.body,
      type: saraRemoved.headers.get('content-type'),
    }).toEqual({ status: 200, body: undefined, type: null })
  })

  it('removing a non-member is the Perl 404; removing a member takes them out of the project’s groups', async () => {
    const { client, id } = await demo()
    const missing = await client.call('DELETE', `${PROJECT}/users/${'0'.repeat(32)}`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({
      error: {
        errorClass: 'GDC::Exception::NotFound',
        component: 'GDC::LWP::UserAgent',
        message: "User uid %s doesn't exist.",
        parameters: ['0'.repeat(32)],
      },
    })
    expect((await client.call('DELETE', `${PROJECT}/users/${id('old.contractor@example.com')}`)).status).toBe(200)
    expect(emulator!.state.groupMembers('Analysts')).toEqual(['john.doe@example.com', 'jane.smith@example.com'])
    expect((await client.call('GET', `/gdc/projects/${'x'.repeat(32)}/users`)).status).toBe(404)
  })
})

describe('roles', () => {
  it('lists role URIs, answers each role by number with its identifier, and who holds it', async () => {
    const { client, id } = await demo()
    const list = await client.call<{ projectRoles: { roles: string[]; links: { project: string } } }>(
      'GET',
      `${PROJECT}/roles`,
    )
    expect(list.body.projectRoles.links.project).toBe(`${PROJECT}/`)
    const details = await Promise.all(
      list.body.projectRoles.roles.map((uri) =>
        client.call<{ projectRole: { meta: { identifier: string; title: string }; links: { roleUsers: string } } }>(
          'GET',
          uri,
        ),
      ),
    )
    const identifiers = details.map((detail) => detail.body.projectRole.meta.identifier)
    for (const wanted of [
      'adminRole',
      'editorRole',
      'editorInviteRole',
      'editorUserAdminRole',
      'explorerRole',
      'readOnlyUserRole',
      'readOnlyNoExportRole',
      'dashboardOnlyRole',
      'explorerOnlyRole',
    ])
      expect(identifiers).toContain(wanted)
    expect(new Set(list.body.projectRoles.roles).size).toBe(list.body.projectRoles.roles.length)
    const editor = details[identifiers.indexOf('editorRole')]!.body.projectRole
    expect(editor.meta).toMatchObject({ identifier: 'editorRole', title: 'Editor' })
    const holders = await client.call<{ associatedUsers: { users: string[] } }>('GET', editor.links.roleUsers)
    expect(holders.body.associatedUsers.users.sort()).toEqual(
      [id('john.doe@example.com'), id('jane.smith@example.com')].map((each) => `/gdc/account/profile/${each}`).sort(),
    )
    expect((await client.call('GET', `${PROJECT}/roles/99`)).status).toBe(404)
  })
})
