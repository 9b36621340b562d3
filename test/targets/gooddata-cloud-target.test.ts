import { afterEach, describe, expect, it } from 'vitest'
import type { Change } from '../../src/core/model/change.js'
import { ApiError } from '../../src/shell/http/api-error.js'
import { createGoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import type { StoredUser, StoredUserGroup } from '../emulators/gooddata-cloud/organization-state.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'
import { recordedOrganization } from '../support/cassettes.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function setUp(options: EmulatorOptions = {}, token = DEFAULT_TOKEN, readPath?: 'entities') {
  const emulator: RunningEmulator = await startGoodDataEmulator({ seed: recordedOrganization(), ...options })
  const target = createGoodDataCloudTarget({
    host: emulator.url,
    token,
    ...(readPath ? { readPath } : {}),
    sleep: async () => {},
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  })
  closers.push(
    () => emulator.close(),
    () => target.close(),
  )
  return { emulator, target }
}

describe('GoodDataCloudTarget.readState', () => {
  it('reads the recorded organization, with memberships, parents and what is protected', async () => {
    const { target } = await setUp()
    const state = await target.readState()
    expect(state.users.map(({ id, userGroups, email }) => ({ id, userGroups, email }))).toEqual([
      { id: 'admin', userGroups: ['adminGroup'], email: undefined },
      { id: 'demo', userGroups: ['adminGroup'], email: 'demo@example.com' },
      { id: 'demo2', userGroups: ['demoGroup'], email: undefined },
    ])
    expect(state.userGroups).toEqual([
      { id: 'adminGroup', parents: [] },
      { id: 'adminQA1Group', parents: ['adminGroup'] },
      { id: 'demoGroup', name: 'demo group', parents: [] },
      { id: 'visitorsGroup', name: 'visitors', parents: ['demoGroup'] },
    ])
    expect(state.protectedIds).toEqual([
      { kind: 'user', id: 'admin', reason: "the token's own user" },
      { kind: 'user', id: 'admin', reason: "the organization's bootstrap user" },
      { kind: 'userGroup', id: 'adminGroup', reason: "the organization's bootstrap group" },
    ])
  })

  it("protects the token's own user when it is not the bootstrap user", async () => {
    const { target } = await setUp({ extraTokens: { 'svc-token': 'demo' } }, 'svc-token')
    const { protectedIds } = await target.readState()
    expect(protectedIds.map(({ id, reason }) => `${id}: ${reason}`)).toEqual([
      "demo: the token's own user",
      "admin: the organization's bootstrap user",
      "adminGroup: the organization's bootstrap group",
    ])
  })

  it('reads 100,000 users and 10,000 groups in exactly ⌈N/500⌉ list requests per kind', async () => {
    const userGroups: StoredUserGroup[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `g${i}`,
      attributes: { name: `Group ${i}` },
      parents: i > 0 ? [`g${Math.floor(i / 10)}`] : [],
    }))
    const users: StoredUser[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `u${String(i).padStart(6, '0')}`,
      attributes: { email: `u${i}@example.com` },
      userGroups: [`g${i % 10_000}`],
    }))
    const { emulator, target } = await setUp({ seed: { users, userGroups } }, DEFAULT_TOKEN, 'entities')
    const state = await target.readState()
    expect(state.users).toHaveLength(100_000)
    expect(state.userGroups).toHaveLength(10_000)
    expect(state.users[12_345]).toEqual({
      id: 'u012345',
      email: 'u12345@example.com',
      userGroups: ['g2345'],
      unmanaged: {},
    })
    const lists = (collection: string) =>
      emulator.requestLog.filter((entry) => entry.method === 'GET' && entry.path === `/api/v1/entities/${collection}`)
    expect(lists('users')).toHaveLength(200)
    expect(lists('userGroups')).toHaveLength(20)
    expect(new Set(lists('users').map((entry) => new URLSearchParams(entry.query).get('page'))).size).toBe(200)
    expect(emulator.requestLog).toHaveLength(222)
  }, 60_000)
})

describe('paging without a page count', () => {
  it.each([
    [1_000, 3],
    [1_234, 3],
    [499, 1],
  ])('reads %i users page by page until a short page: %i list requests', async (count, requests) => {
    const users = Array.from({ length: count }, (_, i) => ({
      id: `u${String(i).padStart(5, '0')}`,
      attributes: {},
      userGroups: [],
    }))
    const { emulator, target } = await setUp(
      {
        omitPageMeta: true,
        seed: { users: [{ id: 'admin', attributes: {}, userGroups: ['adminGroup'] }, ...users].slice(0, count) },
      },
      DEFAULT_TOKEN,
      'entities',
    )
    const state = await target.readState()
    expect(state.users).toHaveLength(count)
    expect(emulator.requestLog.filter((entry) => entry.path === '/api/v1/entities/users')).toHaveLength(requests)
  })
})

describe('GoodDataCloudTarget.applyChange', () => {
  it('spends exactly one request on each kind of change', async () => {
    const { emulator, target } = await setUp()
    const state = await target.readState()
    const before = (id: string) => state.users.find((user) => user.id === id)!
    const group = (id: string) => state.userGroups.find((userGroup) => userGroup.id === id)!
    const changes: Extract<Change, { action: 'create' | 'update' | 'delete' }>[] = [
      { action: 'create', kind: 'userGroup', id: 'analysts', after: { name: 'Analysts', parents: ['demoGroup'] } },
      {
        action: 'update',
        kind: 'userGroup',
        id: 'visitorsGroup',
        before: group('visitorsGroup'),
        after: { name: 'Visitors', parents: ['analysts'] },
      },
      {
        action: 'create',
        kind: 'user',
        id: 'john',
        after: { firstname: 'John', email: 'john@example.com', userGroups: ['analysts', 'visitorsGroup'] },
      },
      {
        action: 'update',
        kind: 'user',
        id: 'demo2',
        before: before('demo2'),
        after: { lastname: 'Two', userGroups: [] },
      },
      { action: 'delete', kind: 'user', id: 'demo', before: before('demo') },
      { action: 'delete', kind: 'userGroup', id: 'adminQA1Group', before: group('adminQA1Group') },
    ]
    for (const change of changes) {
      const logged = emulator.requestLog.length
      expect(await target.applyChange(change)).toEqual({ outcome: 'applied' })
      expect(emulator.requestLog.slice(logged).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
        { create: 'POST', update: 'PUT', delete: 'DELETE' }[change.action] +
          ` /api/v1/entities/${change.kind === 'user' ? 'users' : 'userGroups'}${change.action === 'create' ? '' : `/${change.id}`}`,
      ])
    }
    const { users, userGroups } = emulator.state.snapshot()
    expect(users.map((user) => [user.id, user.attributes, user.userGroups])).toEqual([
      ['admin', {}, ['adminGroup']],
      ['demo2', { lastname: 'Two' }, []],
      ['john', { email: 'john@example.com', firstname: 'John' }, ['analysts', 'visitorsGroup']],
    ])
    expect(userGroups.map((userGroup) => [userGroup.id, userGroup.attributes.name, userGroup.parents])).toEqual([
      ['adminGroup', undefined, []],
      ['analysts', 'Analysts', ['demoGroup']],
      ['demoGroup', 'demo group', []],
      ['visitorsGroup', 'Visitors', ['analysts']],
    ])
  })

  it('carries over attributes it does not manage, such as systemAccount', async () => {
    const { emulator, target } = await setUp({
      seed: {
        users: [
          { id: 'admin', attributes: {}, userGroups: ['adminGroup'] },
          { id: 'svc', attributes: { systemAccount: true, firstname: 'Old' }, userGroups: [] },
        ],
      },
    })
    const svc = (await target.readState()).users.find((user) => user.id === 'svc')!
    expect(svc.unmanaged).toEqual({ systemAccount: true })
    await target.applyChange({
      action: 'update',
      kind: 'user',
      id: 'svc',
      before: svc,
      after: { firstname: 'New', userGroups: ['adminGroup'] },
    })
    expect(emulator.state.users.get('svc')).toEqual({
      id: 'svc',
      attributes: { systemAccount: true, firstname: 'New' },
      userGroups: ['adminGroup'],
    })
  })

  it('counts a retried POST answered 409 as done, and a first 409 as a conflict to re-plan', async () => {
    let dropNextPost = true
    const { emulator, target } = await setUp({
      injectFault: ({ method }) =>
        method === 'POST' && dropNextPost ? ((dropNextPost = false), 'drop-after') : undefined,
    })
    expect(await target.applyChange({ action: 'create', kind: 'user', id: 'new', after: { userGroups: [] } })).toEqual({
      outcome: 'already-applied',
    })
    expect(emulator.requestLog.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST dropped', 'POST 409'])
    expect(emulator.state.users.has('new')).toBe(true)

    const error = await target
      .applyChange({ action: 'create', kind: 'user', id: 'demo', after: { userGroups: [] } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(
      /user "demo" was created by someone else since the plan was made; plan again/,
    )
  })

  it('counts deleting what is already gone as done', async () => {
    const { target } = await setUp()
    const demo2 = (await target.readState()).users.find((user) => user.id === 'demo2')!
    expect(await target.applyChange({ action: 'delete', kind: 'user', id: 'demo2', before: demo2 })).toEqual({
      outcome: 'applied',
    })
    expect(await target.applyChange({ action: 'delete', kind: 'user', id: 'demo2', before: demo2 })).toEqual({
      outcome: 'already-applied',
    })
  })

  it('surfaces what the server refuses as an ApiError with the server detail', async () => {
    const { target } = await setUp()
    const adminGroup = (await target.readState()).userGroups.find((group) => group.id === 'adminGroup')!
    const error = (await target
      .applyChange({ action: 'delete', kind: 'userGroup', id: 'adminGroup', before: adminGroup })
      .catch((caught: unknown) => caught)) as ApiError
    expect(error).toMatchObject({
      status: 400,
      method: 'DELETE',
      path: '/api/v1/entities/userGroups/adminGroup',
      detail: "Can't override MANAGE permission for the boostrap group 'adminGroup'",
    })
  })

  it('fails with 401 on a wrong token, and the error holds no token', async () => {
    const { target } = await setUp({}, 'not-the-token')
    const error = (await target.readState().catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(`${error.message} ${error.stack}`).not.toContain('not-the-token')
  })
})
