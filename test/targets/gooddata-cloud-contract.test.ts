import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN, startGoodDataEmulator, type RunningEmulator } from '../emulators/gooddata-cloud/server.js'
import { createGoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import { cassetteDir, readCassette, recordedOrganization } from '../support/cassettes.js'
import { OpenApiValidator } from '../support/openapi-validator.js'

const RECORDED_ORIGIN = 'http://localhost:3000'
const IMPLEMENTED = /^\/api\/v1\/(entities\/(users|userGroups|organization|admin\/organizations)|profile)/
const validator = new OpenApiValidator()
let emulator: RunningEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/**
 * Trace ids differ run to run and the origin differs by port; `included` is a set in JSON:API
 * (the server's order follows neither the relationships nor the ids), so it is compared sorted.
 * Everything else must match.
 */
function normalise(body: unknown, origin: string): unknown {
  return JSON.parse(JSON.stringify(body ?? null).replaceAll(origin, RECORDED_ORIGIN), (key, value) => {
    if (key === 'traceId') return 'TRACE'
    if (key === 'included' && Array.isArray(value))
      return [...value].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1))
    return value
  })
}

describe('recorded GoodData.CN traffic replays against the emulator', () => {
  const cassettes = readdirSync(cassetteDir).sort()

  it.each(cassettes)('%s', async (name) => {
    emulator = await startGoodDataEmulator({ seed: recordedOrganization() })
    let replayed = 0
    for (const { request, response } of readCassette(name)) {
      const url = new URL(request.uri)
      if (!IMPLEMENTED.test(url.pathname)) continue
      const accept = request.headers['Accept']?.[0]
      const answer = await fetch(`${emulator.url}${url.pathname}${url.search}`, {
        method: request.method,
        redirect: 'manual',
        headers: {
          authorization: `Bearer ${DEFAULT_TOKEN}`,
          ...(accept ? { accept } : {}),
          ...(request.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body ? { body: JSON.stringify(request.body) } : {}),
      })
      const where = `${request.method} ${url.pathname}${url.search}`
      expect(answer.status, where).toBe(response.status.code)
      expect(answer.headers.get('content-type'), where).toBe(response.headers['Content-Type']?.[0])
      expect(answer.headers.get('x-gdc-trace-id'), where).toMatch(/^[0-9a-f]{16}$/)
      if (response.headers['Location'])
        expect(answer.headers.get('location'), where).toBe(response.headers['Location'][0])
      const text = await answer.text()
      const recorded = response.body.string
      expect(normalise(text === '' ? '' : JSON.parse(text), emulator.url), where).toEqual(
        normalise(recorded, emulator.url),
      )
      replayed++
    }
    expect(replayed).toBeGreaterThan(0)
  })
})

describe('the adapter and the emulator keep to the API description', () => {
  it('every request the adapter sends and every answer the emulator gives validates against its operation', async () => {
    emulator = await startGoodDataEmulator({ seed: recordedOrganization() })
    const target = createGoodDataCloudTarget({ host: emulator.url, token: DEFAULT_TOKEN })
    try {
      const state = await target.readState()
      const demo = state.users.find((user) => user.id === 'demo')!
      const visitors = state.userGroups.find((group) => group.id === 'visitorsGroup')!
      await target.applyChange({
        action: 'create',
        kind: 'userGroup',
        id: 'analysts',
        after: { name: 'Analysts', parents: ['demoGroup'] },
      })
      await target.applyChange({
        action: 'create',
        kind: 'user',
        id: 'john.doe',
        after: {
          firstname: 'John',
          lastname: 'Doe',
          email: 'john@example.com',
          authId: 'oidc|john',
          userGroups: ['analysts'],
        },
      })
      await target.applyChange({
        action: 'update',
        kind: 'user',
        id: 'demo',
        before: demo,
        after: { email: 'demo@example.org', userGroups: ['analysts'] },
      })
      await target.applyChange({
        action: 'update',
        kind: 'userGroup',
        id: 'visitorsGroup',
        before: visitors,
        after: { name: 'Visitors', parents: [] },
      })
      await target.applyChange({
        action: 'delete',
        kind: 'user',
        id: 'demo2',
        before: state.users.find((user) => user.id === 'demo2')!,
      })
      await target.applyChange({
        action: 'delete',
        kind: 'userGroup',
        id: 'adminQA1Group',
        before: state.userGroups.find((group) => group.id === 'adminQA1Group')!,
      })
    } finally {
      await target.close()
    }
    const problems = emulator.requestLog.flatMap((entry) => {
      const where = `${entry.method} ${entry.path}`
      return [
        ...validator
          .checkRequest(entry.method, entry.path, entry.requestBody)
          .map((problem) => `request ${where}: ${problem}`),
        ...validator
          .checkResponse(entry.method, entry.path, entry.status as number, entry.contentType, entry.responseBody)
          .map((problem) => `response ${where}: ${problem}`),
      ]
    })
    expect(problems).toEqual([])
    // The profile, the usersAndUserGroups layout and the organization, then one request per change.
    expect(emulator.requestLog.map((entry) => `${entry.method} ${entry.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'GET 200',
      'POST 201',
      'POST 201',
      'PUT 200',
      'PUT 200',
      'DELETE 204',
      'DELETE 204',
    ])
  })

  it('answers errors as problem+json with title, status, detail and trace id', async () => {
    emulator = await startGoodDataEmulator()
    const cases: [string, RequestInit & { path: string }, number][] = [
      ['missing user', { path: '/api/v1/entities/users/nobody', method: 'GET' }, 404],
      [
        'wrong token',
        { path: '/api/v1/entities/users', method: 'GET', headers: { authorization: 'Bearer wrong' } },
        401,
      ],
      [
        'bootstrap group update',
        {
          path: '/api/v1/entities/userGroups/adminGroup',
          method: 'PUT',
          body: JSON.stringify({ data: { id: 'adminGroup', type: 'userGroup', attributes: { name: 'x' } } }),
        },
        400,
      ],
      ['bootstrap group delete', { path: '/api/v1/entities/userGroups/adminGroup', method: 'DELETE' }, 400],
      [
        'existing id',
        {
          path: '/api/v1/entities/users',
          method: 'POST',
          body: JSON.stringify({ data: { id: 'admin', type: 'user' } }),
        },
        409,
      ],
      [
        'missing group',
        {
          path: '/api/v1/entities/users',
          method: 'POST',
          // The server checks that related groups exist only when asked to.
          headers: { 'x-gdc-validate-relations': 'true' },
          body: JSON.stringify({
            data: {
              id: 'x',
              type: 'user',
              relationships: { userGroups: { data: [{ id: 'nope', type: 'userGroup' }] } },
            },
          }),
        },
        400,
      ],
      [
        'bad id',
        { path: '/api/v1/entities/users', method: 'POST', body: JSON.stringify({ data: { id: '.x', type: 'user' } }) },
        400,
      ],
      [
        'long name',
        {
          path: '/api/v1/entities/users',
          method: 'POST',
          body: JSON.stringify({ data: { id: 'x', type: 'user', attributes: { firstname: 'a'.repeat(256) } } }),
        },
        400,
      ],
    ]
    for (const [name, { path, ...init }, status] of cases) {
      const answer = await fetch(`${emulator.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${DEFAULT_TOKEN}`,
          'content-type': 'application/vnd.gooddata.api+json',
          ...(init.headers as object),
        },
      })
      expect(answer.status, name).toBe(status)
      expect(answer.headers.get('content-type'), name).toBe('application/problem+json')
      const body = (await answer.json()) as Record<string, unknown>
      expect(Object.keys(body).sort(), name).toEqual(['detail', 'status', 'title', 'traceId'])
      expect(body['status'], name).toBe(status)
      expect(body['traceId'], name).toBe(answer.headers.get('x-gdc-trace-id'))
    }
    const bootstrap = await fetch(`${emulator.url}/api/v1/entities/userGroups/adminGroup`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    })
    expect(((await bootstrap.json()) as { detail: string }).detail).toBe(
      "Can't override MANAGE permission for the boostrap group 'adminGroup'",
    )
  })
})

describe('the OpenAPI validator', () => {
  it('rejects what the description does not allow', () => {
    expect(
      validator.checkRequest('POST', '/api/v1/entities/users', { data: { id: 'x', type: 'userGroup' } }),
    ).not.toEqual([])
    expect(
      validator.checkRequest('POST', '/api/v1/entities/users', {
        data: { id: 'x', type: 'user', attributes: { email: 1 } },
      }),
    ).not.toEqual([])
    expect(
      validator.checkResponse('GET', '/api/v1/entities/users', 200, 'application/json', { links: {} }),
    ).not.toEqual([])
    expect(validator.checkResponse('GET', '/api/v1/nowhere', 200, 'application/json', {})).not.toEqual([])
  })
})
