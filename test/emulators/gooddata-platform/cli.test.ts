import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulatorProcess } from '../shared/cli-process.js'
import { DEFAULT_LOGIN, DEFAULT_PASSWORD, DEFAULT_PROJECT } from './server.js'
import { PlatformTestClient } from './test-client.js'

let child: ChildProcessWithoutNullStreams | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

function startCli(args: readonly string[]): Promise<string> {
  const started = startEmulatorProcess(args, 'GoodData Platform')
  child = started.child
  return started.url
}

describe('npm run emulator -- --target gooddata-platform', () => {
  it('--seed demo prints its URL, serves the demo project to the default login, and stops on SIGTERM', async () => {
    const url = await startCli(['--target', 'gooddata-platform', '--seed', 'demo', '--port', '0'])
    const client = new PlatformTestClient(url)
    expect((await client.login(DEFAULT_LOGIN, DEFAULT_PASSWORD)).status).toBe(200)
    const users = await client.call<{ users: { user: { content: { login: string } } }[] }>(
      'GET',
      `/gdc/projects/${DEFAULT_PROJECT}/users?offset=0&limit=1000`,
    )
    expect(users.body.users.map((each) => each.user.content.login)).toEqual(
      expect.arrayContaining(['john.doe@example.com', 'partner.analyst@partner.example']),
    )
    const exit = new Promise<number | null>((resolve) => child!.on('exit', resolve))
    child!.kill('SIGTERM')
    expect(await exit).toBe(0)
  })

  it('--token is the password of the seed’s domain admin', async () => {
    const url = await startCli(['--target', 'gooddata-platform', '--token', 'my-password'])
    expect((await new PlatformTestClient(url).login(DEFAULT_LOGIN, 'my-password')).status).toBe(200)
    expect((await new PlatformTestClient(url).login(DEFAULT_LOGIN, DEFAULT_PASSWORD)).status).toBe(401)
  })
})
