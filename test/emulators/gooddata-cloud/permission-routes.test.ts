import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulatorProcess } from '../shared/cli-process.js'
import { requestJson } from '../shared/json-request.js'
import { DEMO_ORGANIZATION } from './demo-organization.js'
import { DEFAULT_TOKEN, startGoodDataEmulator, type EmulatorOptions, type RunningEmulator } from './server.js'

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startGoodDataEmulator({ seed: DEMO_ORGANIZATION, ...options })
  closers.push(() => emulator.close())
  return emulator
}

const auth = { authorization: `Bearer ${DEFAULT_TOKEN}` }
const NEW_ROUTES: [method: string, path: string][] = [
  ['GET', '/api/v1/entities/workspaces'],
  ['GET', '/api/v1/entities/workspaces/sales'],
  ['GET', '/api/v1/entities/dataSources'],
  ['GET', '/api/v1/entities/dataSources/warehouse'],
  ['GET', '/api/v1/layout/workspaces'],
  ['GET', '/api/v1/layout/dataSources'],
  ['GET', '/api/v1/layout/workspaces/sales/permissions'],
  ['PUT', '/api/v1/layout/dataSources/warehouse/permissions'],
  ['POST', '/api/v1/actions/workspaces/sales/managePermissions'],
  ['POST', '/api/v1/actions/dataSources/warehouse/managePermissions'],
  ['GET', '/api/v1/actions/userManagement/users'],
  ['GET', '/api/v1/actions/userManagement/userGroups'],
  ['GET', '/api/v1/actions/userManagement/users/jane.smith/permissions'],
  ['POST', '/api/v1/actions/userManagement/userGroups/analysts/permissions'],
  ['POST', '/api/v1/actions/userManagement/assignPermissions'],
  ['POST', '/api/v1/actions/userManagement/revokePermissions'],
  ['GET', '/api/v1/layout/users'],
  ['GET', '/api/v1/layout/userGroups'],
  ['GET', '/api/v1/layout/usersAndUserGroups'],
]

describe('the permission routes share the emulator’s plumbing', () => {
  it('refuse a request without the bearer token, as every route does', async () => {
    const emulator = await start()
    const before = emulator.state.snapshot()
    for (const [method, path] of NEW_ROUTES) {
      const body = method === 'GET' ? {} : { body: [] }
      const answer = await requestJson<{ title: string }>(`${emulator.url}${path}`, { method, ...body })
      expect([path, answer.status, answer.body.title]).toEqual([path, 401, 'Unauthorized'])
    }
    expect(emulator.state.snapshot()).toEqual(before)
  })

  it('answer injected faults, the rate limit and latency like the entity routes', async () => {
    const faulty = await start({ injectFault: ({ path }) => (path.endsWith('/managePermissions') ? '503' : undefined) })
    const fault = await requestJson<{ title: string }>(
      `${faulty.url}/api/v1/actions/workspaces/sales/managePermissions`,
      { method: 'POST', headers: auth, body: [] },
    )
    expect([fault.status, fault.body.title, fault.headers.get('content-type')]).toEqual([
      503,
      'Service Unavailable',
      'application/problem+json',
    ])
    const limited = await start({ rateLimit: 1, latencyMs: 30 })
    const started = Date.now()
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        requestJson(`${limited.url}/api/v1/actions/userManagement/users`, { method: 'GET', headers: auth }),
      ),
    )
    // Three at once against one a second: at least one is refused, even across a window's edge.
    const refused = answers.find((answer) => answer.status === 429)
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(answers.some((answer) => answer.status === 200)).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('type their answers: JSON for layouts and actions, none when empty, problem+json for errors', async () => {
    const emulator = await start()
    const ask = (method: string, path: string, body?: unknown) =>
      requestJson(`${emulator.url}${path}`, { method, headers: auth, ...(body === undefined ? {} : { body }) })
    const layout = await ask('GET', '/api/v1/layout/workspaces')
    expect(layout.headers.get('content-type')).toBe('application/json')
    const set = await ask('PUT', '/api/v1/layout/workspaces/sales/permissions', { permissions: [] })
    expect([set.status, set.headers.get('content-type')]).toEqual([204, null])
    const deleted = await ask('DELETE', '/api/v1/entities/dataSources/warehouse')
    expect([deleted.status, deleted.headers.get('content-type')]).toEqual([204, 'application/vnd.gooddata.api+json'])
    const wrongMethod = await ask('DELETE', '/api/v1/layout/workspaces')
    expect([wrongMethod.status, wrongMethod.headers.get('content-type')]).toEqual([405, 'application/problem+json'])
    const badBody = await ask('POST', '/api/v1/actions/userManagement/assignPermissions', { assignees: [] })
    expect([badBody.status, badBody.body]).toEqual([
      400,
      {
        detail: '"assignees" must name at least one user or group.',
        status: 400,
        title: 'Bad Request',
        traceId: badBody.headers.get('x-gdc-trace-id'),
      },
    ])
  })
})

describe('meta.permissions is what the calling user may do', () => {
  it('everything for an organization admin; direct, group and hierarchy grants for anyone else', async () => {
    const emulator = await start({ extraTokens: { 'maria-token': 'maria.garcia' } })
    const permissionsOf = async (token: string, path: string) =>
      (
        await requestJson<{ data: { meta: { permissions: string[] } } }>(`${emulator.url}${path}`, {
          method: 'GET',
          headers: { authorization: `Bearer ${token}` },
        })
      ).body.data.meta.permissions
    const emea = '/api/v1/entities/workspaces/sales-emea?metaInclude=permissions'
    expect(await permissionsOf(DEFAULT_TOKEN, emea)).toHaveLength(11)
    // Her own ANALYZE and EXPORT, and VIEW from the hierarchy permission of "everyone" on the parent.
    expect(await permissionsOf('maria-token', emea)).toEqual(['ANALYZE', 'EXPORT', 'VIEW'])
    const warehouse = '/api/v1/entities/dataSources/warehouse?metaInclude=permissions'
    expect(await permissionsOf('maria-token', warehouse)).toEqual(['USE'])
  })
})

describe('seeds declare workspaces, data sources and grants', () => {
  it('the demo organization keeps its users and groups, and grants only to ones it has', () => {
    const users = new Set(DEMO_ORGANIZATION.users!.map((user) => user.id))
    const groups = new Set(DEMO_ORGANIZATION.userGroups!.map((group) => group.id))
    expect(users.size).toBe(8)
    expect(groups.size).toBe(5)
    const grants = [
      ...DEMO_ORGANIZATION.workspaces!.flatMap((each) => [
        ...(each.permissions ?? []),
        ...(each.hierarchyPermissions ?? []),
      ]),
      ...DEMO_ORGANIZATION.dataSources!.flatMap((each) => each.permissions ?? []),
    ]
    expect(grants.length).toBeGreaterThan(0)
    for (const { assignee } of grants) expect((assignee.type === 'user' ? users : groups).has(assignee.id)).toBe(true)
  })

  it('a --seed JSON file starts the emulator with them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gooddata-seed-'))
    const seed = {
      users: [{ id: 'admin', attributes: {}, userGroups: ['adminGroup'] }],
      userGroups: [{ id: 'adminGroup', attributes: {}, parents: [] }],
      workspaces: [
        { id: 'root', attributes: { name: 'Root' } },
        {
          id: 'leaf',
          attributes: { name: 'Leaf' },
          parent: 'root',
          permissions: [{ assignee: { id: 'admin', type: 'user' }, name: 'VIEW' }],
        },
      ],
      dataSources: [{ id: 'db', attributes: { name: 'DB', type: 'POSTGRESQL', schema: 'public', password: 'x' } }],
    }
    writeFileSync(join(folder, 'seed.json'), JSON.stringify(seed))
    const { child, url } = startEmulatorProcess(['--seed', join(folder, 'seed.json')], 'GoodData')
    closers.push(() => child.kill())
    const origin = await url
    const layout = await requestJson<{ workspaces: { id: string; parent?: unknown; permissions: unknown[] }[] }>(
      `${origin}/api/v1/layout/workspaces`,
      { method: 'GET', headers: auth },
    )
    expect(layout.body.workspaces.map(({ id, parent, permissions }) => ({ id, parent, permissions }))).toEqual([
      { id: 'leaf', parent: { id: 'root', type: 'workspace' }, permissions: seed.workspaces[1]!.permissions },
      { id: 'root', parent: undefined, permissions: [] },
    ])
    const dataSources = await requestJson(`${origin}/api/v1/layout/dataSources`, { method: 'GET', headers: auth })
    expect(dataSources.body).toEqual({
      dataSources: [{ id: 'db', name: 'DB', type: 'POSTGRESQL', schema: 'public', permissions: [] }],
    })
  })
})
