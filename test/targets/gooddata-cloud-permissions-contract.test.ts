import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { OrganizationSeed } from '../emulators/gooddata-cloud/organization-state.js'
import { DEFAULT_TOKEN, startGoodDataEmulator, type RunningEmulator } from '../emulators/gooddata-cloud/server.js'
import { recordedOrganization, type Interaction } from '../support/cassettes.js'
import { GoodDataDescriptions } from './gooddata-cloud-descriptions.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gooddata-cloud')
const descriptions = new GoodDataDescriptions()
let emulator: RunningEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

const demo2 = { id: 'demo2', type: 'user' } as const
const demoGroup = { id: 'demoGroup', type: 'userGroup' } as const

/** The recorded organization with what the permission cassettes start from: workspace demo, data source demo-test-ds. */
function recordedPermissions(): OrganizationSeed {
  return {
    ...recordedOrganization(),
    workspaces: [
      {
        id: 'demo',
        attributes: { name: 'Demo' },
        permissions: [
          { assignee: demo2, name: 'ANALYZE' },
          { assignee: demoGroup, name: 'VIEW' },
        ],
        hierarchyPermissions: [
          { assignee: demo2, name: 'MANAGE' },
          { assignee: demoGroup, name: 'ANALYZE' },
        ],
      },
    ],
    dataSources: [
      {
        id: 'demo-test-ds',
        attributes: { name: 'demo-test-ds', type: 'POSTGRESQL', schema: 'demo' },
        permissions: [
          { assignee: demo2, name: 'MANAGE' },
          { assignee: demoGroup, name: 'USE' },
        ],
      },
    ],
  }
}

function readInteractions(folder: string, name: string): Interaction[] {
  const text = readFileSync(join(FIXTURES, folder, name), 'utf8')
  return (parse(text, { maxAliasCount: -1 }) as { interactions: Interaction[] }).interactions
}

/** Sends each recorded request and expects the recorded status, content type (or none) and body. */
async function replay(running: RunningEmulator, interactions: readonly Interaction[]): Promise<void> {
  for (const { request, response } of interactions) {
    const url = new URL(request.uri)
    const accept = request.headers['Accept']?.[0]
    const answer = await fetch(`${running.url}${url.pathname}${url.search}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${DEFAULT_TOKEN}`,
        ...(accept ? { accept } : {}),
        ...(request.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.body ? { body: JSON.stringify(request.body) } : {}),
    })
    const where = `${request.method} ${url.pathname}`
    expect(answer.status, where).toBe(response.status.code)
    expect(answer.headers.get('content-type'), where).toBe(response.headers['Content-Type']?.[0] ?? null)
    expect(answer.headers.get('x-gdc-trace-id'), where).toMatch(/^[0-9a-f]{16}$/)
    const text = await answer.text()
    expect(text === '' ? '' : JSON.parse(text), where).toEqual(response.body.string)
  }
}

describe('recorded userManagement permission traffic replays against the emulator', () => {
  it.each(readdirSync(join(FIXTURES, 'permission-cassettes')).sort())('%s', async (name) => {
    emulator = await startGoodDataEmulator({ seed: recordedPermissions() })
    await replay(emulator, readInteractions('permission-cassettes', name))
  })
})

describe('recorded user and group layouts replay against the emulator', () => {
  it.each(readdirSync(join(FIXTURES, 'layout-cassettes')).sort())('%s', async (name) => {
    emulator = await startGoodDataEmulator({ seed: recordedOrganization() })
    await replay(emulator, readInteractions('layout-cassettes', name))
  })
})

describe('the emulator answers the permission routes as the API descriptions say', () => {
  it('every request of the replays and every answer validates against its operation', async () => {
    emulator = await startGoodDataEmulator({ seed: recordedPermissions() })
    for (const folder of ['permission-cassettes', 'layout-cassettes']) {
      for (const name of readdirSync(join(FIXTURES, folder)).sort())
        await replay(emulator, readInteractions(folder, name))
    }
    const problems = emulator.requestLog.flatMap((entry) => {
      const where = `${entry.method} ${entry.path}`
      const { method, path, status, contentType, requestBody, responseBody } = entry
      return [
        ...descriptions.checkRequest(method, path, requestBody).map((problem) => `request ${where}: ${problem}`),
        ...descriptions
          .checkResponse(method, path, status as number, contentType, responseBody)
          .map((problem) => `response ${where}: ${problem}`),
      ]
    })
    expect(problems).toEqual([])
    expect(emulator.requestLog.length).toBeGreaterThan(20)
  })

  it('the descriptions reject what they do not allow', () => {
    const manage = '/api/v1/actions/workspaces/demo/managePermissions'
    expect(descriptions.checkRequest('POST', manage, [{ assigneeIdentifier: { id: 'a', type: 'team' } }])).not.toEqual(
      [],
    )
    expect(descriptions.checkRequest('POST', manage, [{ assigneeIdentifier: { id: 'a', type: 'user' } }])).toEqual([])
    const layout = { workspaces: [{ id: 'w' }], workspaceDataFilters: [] }
    expect(descriptions.checkResponse('GET', '/api/v1/layout/workspaces', 200, 'application/json', layout)).toEqual([
      "/workspaces/0 must have required property 'name'",
    ])
    expect(descriptions.checkResponse('POST', manage, 204, undefined, { unexpected: true })).not.toEqual([])
    expect(descriptions.checkRequest('GET', '/api/v1/nowhere', undefined)).not.toEqual([])
  })
})
