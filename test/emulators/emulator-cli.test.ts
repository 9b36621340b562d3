import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN } from './gooddata-cloud/server.js'

const CLI = join(import.meta.dirname, 'cli.ts')
const EX_USAGE = 64
let running: ChildProcessWithoutNullStreams | undefined
afterEach(() => {
  if (running?.exitCode === null) running.kill('SIGKILL')
  running = undefined
})

function startCli(args: readonly string[]): ChildProcessWithoutNullStreams {
  running = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' })
  return running
}

/** Runs the command to its end. */
async function runCli(args: readonly string[]) {
  const child = startCli(args)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stdout, stderr }
}

/** Waits for the line that names the URL the emulator listens on. */
function listeningUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1]
      if (url) resolve(url)
    })
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code} before listening`)))
  })
}

describe('npm run emulator', () => {
  it('--help prints every flag with its default and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help'])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const flags = ['--target', '--port', '--token', '--latency-ms', '--rate-limit', '--fault-rate', '--random-seed']
    for (const flag of [...flags, '--seed', '--help']) expect(stdout).toContain(flag)
    expect(stdout).toContain('(default: gooddata-cloud)')
    expect(stdout).toContain('gooddata-cloud (named seeds: demo)')
  })

  it('an unknown target lists the known ones and exits 64', async () => {
    const { code, stdout, stderr } = await runCli(['--target', 'tableau'])
    expect({ code, stdout }).toEqual({ code: EX_USAGE, stdout: '' })
    expect(stderr).toBe(
      'emulator: --target "tableau": expected one of gooddata-cloud, opendatasoft, gooddata-platform (see --help)\n',
    )
  })

  it('a bad flag value is one line naming the flag, exit 64', async () => {
    const { code, stdout, stderr } = await runCli(['--port', '70000'])
    expect({ code, stdout }).toEqual({ code: EX_USAGE, stdout: '' })
    expect(stderr).toBe('emulator: --port "70000": expected a whole number from 0 to 65535 (see --help)\n')
  })

  it('--seed demo on port 0 prints its URL and answers with the demo organization', async () => {
    const child = startCli(['--seed', 'demo', '--port', '0'])
    const url = await listeningUrl(child)
    const headers = { authorization: `Bearer ${DEFAULT_TOKEN}` }
    const answer = await fetch(`${url}/api/v1/entities/users?size=100`, { headers })
    const ids = ((await answer.json()) as { data: { id: string }[] }).data.map((user) => user.id)
    expect(answer.status).toBe(200)
    expect(ids).toContain('old.contractor')
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
