import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_API_KEY } from './server.js'
import type { PageDoc, UserDoc } from './test-client.js'

const CLI = join(import.meta.dirname, '..', 'cli.ts')
let child: ChildProcessWithoutNullStreams | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

/** Starts `npm run emulator -- …` and waits for the line naming its URL. */
async function startCli(args: readonly string[]): Promise<string> {
  const started = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' })
  child = started
  return new Promise((resolve, reject) => {
    let stdout = ''
    started.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /^Opendatasoft emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1]
      if (url) resolve(url)
    })
    started.on('exit', (code) => reject(new Error(`the emulator exited with ${code} before listening`)))
  })
}

async function usernames(url: string, key: string): Promise<{ status: number; names: string[] }> {
  const answer = await fetch(`${url}/api/automation/v1.0/users/?limit=100`, {
    headers: { authorization: `apikey ${key}` },
  })
  if (answer.status !== 200) return { status: answer.status, names: [] }
  return { status: 200, names: ((await answer.json()) as PageDoc<UserDoc>).results.map((user) => user.username) }
}

describe('npm run emulator -- --target opendatasoft', () => {
  it('--seed demo prints its URL, answers with the demo domain, and stops on SIGTERM', async () => {
    const url = await startCli(['--target', 'opendatasoft', '--seed', 'demo', '--port', '0'])
    const { status, names } = await usernames(url, DEFAULT_API_KEY)
    expect(status).toBe(200)
    expect(names).toEqual(expect.arrayContaining(['admin', 'old.contractor', 'ods.support']))
    const exit = new Promise<number | null>((resolve) => child!.on('exit', resolve))
    child!.kill('SIGTERM')
    expect(await exit).toBe(0)
  })

  it('--token is the API key', async () => {
    const url = await startCli(['--target', 'opendatasoft', '--token', 'my-key'])
    expect((await usernames(url, 'my-key')).status).toBe(200)
    expect((await usernames(url, DEFAULT_API_KEY)).status).toBe(401)
  })
})
