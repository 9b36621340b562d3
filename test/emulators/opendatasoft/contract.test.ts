import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { DEMO_DOMAIN } from './demo-domain.js'
import { PERMISSIONS } from './permissions.js'
import { DEFAULT_API_KEY, startOpendatasoftEmulator, type RunningOpendatasoftEmulator } from './server.js'
import { FIXTURES, OpendatasoftSpec, readSpec } from './spec-validator.js'
import { apiClient, type PageDoc } from './test-client.js'

const spec = new OpendatasoftSpec()
let emulator: RunningOpendatasoftEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/** One request per operation at least, successes and refusals, each checked for its status on the way. */
async function scriptedSession(call: ReturnType<typeof apiClient>) {
  const expectStatus = async (status: number, ...args: Parameters<typeof call>) => {
    const answer = await call(...args)
    expect(answer.status, `${args[0]} ${args[1]}`).toBe(status)
    return answer
  }
  const firstUsers = await expectStatus(200, 'GET', '/users/?limit=3')
  const secondUsers = await expectStatus(200, 'GET', (firstUsers.body as PageDoc<unknown>).next!)
  await expectStatus(200, 'GET', (secondUsers.body as PageDoc<unknown>).previous!)
  await expectStatus(200, 'GET', '/users/?limit=0')
  await expectStatus(200, 'GET', '/users/?limit=100&expand=groups')
  await expectStatus(200, 'GET', '/users/john.doe/')
  await expectStatus(200, 'GET', '/users/john.doe/?expand=groups')
  const groups = await expectStatus(200, 'GET', '/groups/?limit=2')
  await expectStatus(200, 'GET', (groups.body as PageDoc<unknown>).next!)
  const designers = { title: 'Content Designers', description: 'For designers only.', permissions: ['edit_page'] }
  await expectStatus(201, 'POST', '/groups/', {
    ...designers,
    explore_limits: { api_calls: { limit: 2000, unit: 'day' } },
  })
  await expectStatus(400, 'POST', '/groups/', {})
  await expectStatus(200, 'GET', '/groups/content_designers/')
  await expectStatus(200, 'PUT', '/groups/content_designers/', {
    ...designers,
    permissions: ['edit_page', 'create_page'],
  })
  await expectStatus(200, 'POST', '/users/invite/', [
    {
      email: 'louise.data@example.com',
      groups: [{ uid: 'content_designers' }],
      permissions: ['explore_restricted_dataset'],
    },
    { email: 'jane.smith@example.com' },
  ])
  await expectStatus(200, 'POST', '/users/provision/', [
    { email: 'sso.user@example.com', identity_provider: { uid: 'corporate-saml' } },
  ])
  await expectStatus(200, 'POST', '/users/provision/', {
    username: 'one.more',
    email: 'one.more@example.com',
    identity_provider: { uid: 'corporate-saml' },
  })
  await expectStatus(201, 'POST', '/groups/content_designers/users/', { username: 'jane.smith' })
  await expectStatus(400, 'POST', '/groups/content_designers/users/', { username: 'nobody' })
  await expectStatus(200, 'POST', '/groups/content_designers/users/batch/', [
    { username: 'maria.garcia' },
    { username: 'nobody' },
  ])
  await expectStatus(200, 'GET', '/groups/content_designers/users/')
  await expectStatus(204, 'DELETE', '/groups/content_designers/users/jane.smith/')
  const john = {
    email: 'john.doe@example.com',
    first_name: 'John',
    last_name: 'Doe',
    permissions: ['edit_reuse'],
    groups: [{ uid: 'analysts' }],
  }
  await expectStatus(200, 'PUT', '/users/john.doe/', john)
  await expectStatus(400, 'PUT', '/users/john.doe/', { first_name: 'John' })
  await expectStatus(400, 'PUT', '/users/john.doe/', { ...john, permissions: ['edit_everything'] })
  await expectStatus(204, 'DELETE', '/users/old.contractor/')
  await expectStatus(204, 'DELETE', '/groups/legacy_team/')
  await expectStatus(400, 'DELETE', '/users/admin/')
  await expectStatus(404, 'GET', '/users/nobody/')
  await expectStatus(404, 'PUT', '/groups/nobody/', designers)
  await expectStatus(404, 'DELETE', '/groups/content_designers/users/nobody/')
  await expectStatus(401, 'GET', '/users/', undefined, { authorization: 'apikey wrong' })
}

describe('the emulator keeps to the Opendatasoft API description', () => {
  it('every answer of a scripted session validates against its operation, and every operation is exercised', async () => {
    emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN })
    await scriptedSession(apiClient(emulator))
    const headers = { authorization: `apikey ${DEFAULT_API_KEY}`, 'content-type': 'application/json' }
    const unreadable = await fetch(`${emulator.apiUrl}/groups/`, { method: 'POST', headers, body: '{"title": ' })
    expect(unreadable.status).toBe(400)
    const problems = emulator.requestLog.flatMap((entry) => {
      const where = `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ''} → ${String(entry.status)}`
      return spec
        .responseProblems(entry.method, entry.path, entry.status as number, entry.responseBody)
        .map((problem) => `${where}: ${problem}`)
    })
    expect(problems).toEqual([])
    const exercised = new Set(
      emulator.requestLog.map((entry) => `${entry.method} ${spec.template(entry.method, entry.path)}`),
    )
    const missed = spec.operations().filter((operation) => !exercised.has(operation))
    // The CSV export is not emulated.
    expect(missed).toEqual(['GET /users/export/'])
  })

  it('a user with no groups, or with expanded groups, fails the vendor oneOf and passes as anyOf', async () => {
    emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN })
    const call = apiClient(emulator)
    const strict = new OpendatasoftSpec(readSpec({ fixGroupsDefect: false }))
    const withoutGroups = (await call('GET', '/users/ods.support/')).body
    const grouped = (await call('GET', '/users/jane.smith/?expand=groups')).body
    for (const [path, body] of [
      ['/users/ods.support/', withoutGroups],
      ['/users/jane.smith/', grouped],
    ] as const) {
      expect(strict.responseProblems('GET', path, 200, body)).not.toEqual([])
      expect(spec.responseProblems('GET', path, 200, body)).toEqual([])
    }
  })

  it('knows the 21 permission names of the description', () => {
    const names = readSpec().components.schemas['Permission']!['enum']
    expect([...PERMISSIONS]).toEqual(names)
  })

  it('the validator is not vacuous: a user without email and a group without uid are refused', () => {
    expect(spec.responseProblems('GET', '/users/x/', 200, { username: 'x' })).toContain(
      "/ must have required property 'email'",
    )
    expect(spec.responseProblems('POST', '/groups/', 201, { title: 'T' })).toContain(
      "/ must have required property 'uid'",
    )
    expect(
      spec.responseProblems('GET', '/users/', 200, { results: [{ email: 'e', permissions: ['nope'] }] }),
    ).not.toEqual([])
  })
})

describe('the spec-example fixtures', () => {
  interface Interaction {
    request: { method: string; uri: string; body: unknown }
    response: { status: { code: number }; body: { string: unknown } }
  }
  const files = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.yaml'))
    .sort()

  it('are all there', () => expect(files).toHaveLength(11))

  it.each(files)('%s parses, and its bodies validate against the description', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8')
    const { interactions } = parse(text, { maxAliasCount: -1 }) as { interactions: Interaction[] }
    expect(interactions.length).toBeGreaterThan(0)
    for (const { request, response } of interactions) {
      const path = new URL(request.uri).pathname
      const body = response.body.string === '' ? undefined : response.body.string
      expect(
        spec.responseProblems(request.method, path, response.status.code, body),
        `${name} ${request.method} ${path}`,
      ).toEqual([])
      // The error examples' requests are illustrative and may be invalid on purpose (see the README).
      if (response.status.code < 300 && request.body !== null) {
        expect(spec.requestProblems(request.method, path, request.body), `${name} request ${path}`).toEqual([])
      }
    }
  })
})
