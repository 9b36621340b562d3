import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PROJECT } from './demo-project.js'
import {
  DEFAULT_LOGIN,
  DEFAULT_PROJECT,
  startGoodDataPlatformEmulator,
  type RunningGoodDataPlatformEmulator,
} from './server.js'
import { loggedIn, type Answer, type PlatformTestClient } from './test-client.js'

let emulator: RunningGoodDataPlatformEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

type Group = {
  userGroup: {
    content: { name: string; id: string; description: string | null; project: string; domain: null }
    links: { self: string; members: string; modifyMembers: string }
  }
}
type GroupPage = {
  userGroups: { items: Group[]; paging: { offset: string | null; limit: number; next: string | null } }
}
type Members = {
  userGroupMembers: { paging: object; items: { user: { content: { firstName: string }; links: { self: string } } }[] }
}

const PROJECT_URI = `/gdc/projects/${DEFAULT_PROJECT}`
const LIST = `/gdc/userGroups?project=${DEFAULT_PROJECT}`
const newGroup = (name: string, description?: string) => ({
  userGroup: { content: { name, ...(description === undefined ? {} : { description }), project: PROJECT_URI } },
})

async function demo(): Promise<{
  client: PlatformTestClient
  groupId: (name: string) => string
  profile: (login: string) => string
}> {
  emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
  const state = emulator.state
  return {
    client: await loggedIn(emulator.url),
    groupId: (name) => [...state.groups.values()].find((group) => group.name === name)!.id,
    profile: (login) => `/gdc/account/profile/${state.profileByLogin(login)!.id}`,
  }
}

describe('user groups', () => {
  it('create answers 201 with {uri} and no Location; the group reads back with its id; a taken name is 409', async () => {
    const { client } = await demo()
    const created = await client.call<{ uri: string }>('POST', '/gdc/userGroups', newGroup('new_group', 'new_group'))
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBeNull()
    expect(created.headers.get('content-type')).toBe('application/json')
    expect(created.body.uri).toMatch(/^\/gdc\/userGroups\/b[A-Za-z0-9_-]{22}$/)
    const read = await client.call<Group>('GET', created.body.uri)
    expect(read.body.userGroup.content).toEqual({
      name: 'new_group',
      description: 'new_group',
      project: PROJECT_URI,
      domain: null,
      id: created.body.uri.split('/').pop(),
    })
    expect(read.body.userGroup.links.members).toBe(`${created.body.uri}/members`)
    const taken = await client.call('POST', '/gdc/userGroups', newGroup('Analysts'))
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({
      error: { component: 'Webapp', errorCode: 'EMULATOR_UNVERIFIED', parameters: ['Analysts'] },
    })
    expect(
      (
        await client.call('POST', '/gdc/userGroups', {
          userGroup: { content: { name: 'x', project: '/gdc/projects/other' } },
        })
      ).status,
    ).toBe(400)
  })

  it('lists the project’s groups by id, offset being the id a page starts at and next a usable path; user= filters by direct member', async () => {
    const { client, profile } = await demo()
    const all = await client.call<GroupPage>('GET', LIST)
    expect(all.body.userGroups.paging).toEqual({ offset: null, limit: 1000, next: null })
    const ids = all.body.userGroups.items.map((group) => group.userGroup.content.id)
    expect(ids).toEqual([...ids].sort())
    const pages: Answer<GroupPage>[] = []
    for (let path: string | null = `${LIST}&limit=3`; path; path = pages.at(-1)!.body.userGroups.paging.next)
      pages.push(await client.call<GroupPage>('GET', path))
    expect(pages.map((page) => page.body.userGroups.items.length)).toEqual([3, 1])
    expect(pages[0]!.body.userGroups.paging.next).toBe(
      `/gdc/userGroups?project=${DEFAULT_PROJECT}&limit=3&offset=${ids[3]}`,
    )
    expect(pages[1]!.body.userGroups.paging).toEqual({ offset: ids[3], limit: 3, next: null })
    const janes = await client.call<GroupPage>(
      'GET',
      `${LIST}&user=${encodeURIComponent(profile('jane.smith@example.com'))}`,
    )
    expect(janes.body.userGroups.items.map((group) => group.userGroup.content.name).sort()).toEqual([
      'Analysts',
      'Data engineers',
    ])
    expect((await client.call('GET', '/gdc/userGroups')).status).toBe(400)
  })

  it('PUT renames and answers 204 with no body; a taken name is 409; DELETE answers 204 and the group is gone', async () => {
    const { client, groupId } = await demo()
    const id = groupId('finance viewers')
    const content = {
      name: 'Finance viewers',
      id,
      description: 'Reads the finance dashboards',
      domain: null,
      project: PROJECT_URI,
    }
    const put = await client.call('PUT', `/gdc/userGroups/${id}`, { userGroup: { content } })
    expect({ status: put.status, body: put.body, type: put.headers.get('content-type') }).toEqual({
      status: 204,
      body: undefined,
      type: null,
    })
    expect((await client.call<Group>('GET', `/gdc/userGroups/${id}`)).body.userGroup.content).toMatchObject({
      name: 'Finance viewers',
      description: 'Reads the finance dashboards',
    })
    expect(
      (await client.call('PUT', `/gdc/userGroups/${id}`, { userGroup: { content: { ...content, name: 'Analysts' } } }))
        .status,
    ).toBe(409)
    expect(
      (await client.call('PUT', `/gdc/userGroups/${id}`, { userGroup: { content: { ...content, id: 'bOther' } } }))
        .status,
    ).toBe(400)
    expect((await client.call('DELETE', `/gdc/userGroups/${id}`)).status).toBe(204)
    const gone = await client.call('GET', `/gdc/userGroups/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ error: { errorCode: 'gdc.http.client.status.404' } })
  })
})

describe('group members', () => {
  it('modifyMembers ADD, REMOVE and SET answer 204, and the members list follows', async () => {
    const { client, groupId, profile } = await demo()
    const id = groupId('Data engineers')
    const modify = (operation: string, items: string[]) =>
      client.call('POST', `/gdc/userGroups/${id}/modifyMembers`, { modifyMembers: { operation, items } })
    const members = async () =>
      (await client.call<Members>('GET', `/gdc/userGroups/${id}/members`)).body.userGroupMembers.items
        .map((item) => item.user.links.self)
        .sort()
    const [jane, john, maria] = ['jane.smith@example.com', 'john.doe@example.com', 'maria.garcia@example.com'].map(
      profile,
    ) as [string, string, string]
    const added = await modify('ADD', [john, jane, john])
    expect({ status: added.status, body: added.body, type: added.headers.get('content-type') }).toEqual({
      status: 204,
      body: undefined,
      type: null,
    })
    expect(await members()).toEqual([jane, john].sort())
    expect((await modify('REMOVE', [jane])).status).toBe(204)
    expect(await members()).toEqual([john])
    expect((await modify('SET', [maria, jane])).status).toBe(204)
    expect(await members()).toEqual([maria, jane].sort())
    expect((await modify('SET', [])).status).toBe(204)
    expect(await members()).toEqual([])
    expect(emulator!.state.groupMembers('Data engineers')).toEqual([])
  })

  it('the members answer carries the recorded paging and names; groups and unknown profiles cannot be members', async () => {
    const { client, groupId, profile } = await demo()
    const id = groupId('Analysts')
    const answer = await client.call<Members>('GET', `/gdc/userGroups/${id}/members`)
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8')
    expect(answer.body.userGroupMembers.paging).toEqual({ offset: null, limit: 1000, next: null })
    expect(answer.body.userGroupMembers.items).toContainEqual({
      user: { content: { firstName: 'John', lastName: 'Doe' }, links: { self: profile('john.doe@example.com') } },
    })
    const limited = await client.call<Members & { userGroupMembers: { paging: { next: string } } }>(
      'GET',
      `/gdc/userGroups/${id}/members?limit=2`,
    )
    expect(limited.body.userGroupMembers.items).toHaveLength(2)
    expect(
      (await client.call<Members>('GET', limited.body.userGroupMembers.paging.next)).body.userGroupMembers.items,
    ).toHaveLength(1)
    for (const items of [
      [`/gdc/userGroups/${groupId('Legacy team')}`],
      ['/gdc/account/profile/0123456789abcdef0123456789abcdef'],
    ]) {
      const refused = await client.call('POST', `/gdc/userGroups/${id}/modifyMembers`, {
        modifyMembers: { operation: 'ADD', items },
      })
      expect(refused.status).toBe(400)
    }
    expect(
      (
        await client.call('POST', `/gdc/userGroups/${id}/modifyMembers`, {
          modifyMembers: { operation: 'MERGE', items: [] },
        })
      ).status,
    ).toBe(400)
  })
})

describe('identifiers', () => {
  it('are deterministic for a random seed: profiles 32 lowercase hex, groups `b` and 22 base64url characters', async () => {
    const ids = async (randomSeed: number) => {
      const running = await startGoodDataPlatformEmulator({
        randomSeed,
        seed: {
          users: [{ login: DEFAULT_LOGIN, password: 'emulator-password', domainAdmin: true, role: 'adminRole' }],
          groups: [{ name: 'One' }],
        },
      })
      const result = {
        profile: running.state.profileByLogin(DEFAULT_LOGIN)!.id,
        group: [...running.state.groups.keys()][0]!,
      }
      await running.close()
      return result
    }
    const first = await ids(7)
    expect(first.profile).toMatch(/^[0-9a-f]{32}$/)
    expect(first.group).toMatch(/^b[A-Za-z0-9_-]{22}$/)
    expect(await ids(7)).toEqual(first)
    expect((await ids(8)).profile).not.toBe(first.profile)
  })
})
