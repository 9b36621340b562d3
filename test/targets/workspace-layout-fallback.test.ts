import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { DEMO_ORGANIZATION } from '../emulators/gooddata-cloud/demo-organization.js'
import { DEFAULT_TOKEN, startGoodDataEmulator } from '../emulators/gooddata-cloud/server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function readWith(options: { oversizedLayout: boolean }) {
  const emulator = await startGoodDataEmulator({
    seed: DEMO_ORGANIZATION,
    // A real workspaces layout carries every model: here it is simply more than the client may hold.
    ...(options.oversizedLayout
      ? {
          hostile: ({ path }: { path: string }) =>
            path === '/api/v1/layout/workspaces' ? { kind: 'oversized-body' as const, bytes: 64 * 1024 } : undefined,
        }
      : {}),
  })
  closers.push(() => emulator.close())
  const client = new HttpClient({
    host: emulator.url,
    dialect: goodDataCloudDialect(DEFAULT_TOKEN),
    maxResponseBytes: 32 * 1024,
  })
  const target = new GoodDataCloudTarget(client, emulator.url)
  closers.push(() => target.close())
  const state = await target.readState({ permissions: true })
  return { state, paths: emulator.requestLog.map((entry) => entry.path) }
}

describe('a workspaces layout larger than an answer may be', () => {
  it('is read instead as the workspace list and each workspace’s permissions, with the same result', async () => {
    const usual = await readWith({ oversizedLayout: false })
    const fallback = await readWith({ oversizedLayout: true })
    expect(fallback.state).toEqual(usual.state)
    expect(fallback.paths).toContain('/api/v1/entities/workspaces')
    expect(fallback.paths).toContain('/api/v1/layout/workspaces/sales-emea/permissions')
    expect(usual.paths).not.toContain('/api/v1/entities/workspaces')
  })
})
