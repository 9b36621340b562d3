import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN, startGoodDataEmulator } from '../emulators/gooddata-cloud/server.js'
import { group, organization, user, writeConfig } from '../support/scenario.js'

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The built CLI as a user runs it, against a host; stdout and stderr together. */
async function runBuilt(cwd: string, args: string[]): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', GOODDATA_TOKEN: DEFAULT_TOKEN } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { exitCode, output }
}

async function world(seed: Parameters<typeof organization>[0], files: Record<string, string>) {
  const emulator = await startGoodDataEmulator({ seed: organization(seed) })
  const config = writeConfig(files)
  closers.push(() => emulator.close(), config.cleanUp)
  return { emulator, cwd: config.cwd }
}

const HOSTILE_IDS = ['evil\n::warning file=x::owned', 'esc\u001b[2J\u001b]8;;https://evil.example\u0007link', 'bidi\u202Egnp.exe', 'zero\u200Bwidth']

describe('server values in the terminal (built CLI)', () => {
  it('quotes and escapes ids the server sends, so no line starts a workflow command and no escape reaches the terminal', async () => {
    const w = await world({ users: HOSTILE_IDS.map((id) => user(id, [], { firstname: `name ${id}` })), userGroups: [group('g\r\n::error::x')] }, { 'users.yaml': 'users: []\n', 'groups.yaml': 'user_groups: []\n', 'provisioning.yaml': 'limits:\n  max_deletion_ratio: 1\n' })
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.output).toContain('- delete user "evil\\n::warning file=x::owned"')
    expect(run.output).toContain('- delete user "esc\\u001b[2J\\u001b]8;;https://evil.example\\u0007link"')
    expect(run.output).toContain('- delete user "bidi\\u202Egnp.exe"')
    expect(run.output).toContain('- delete user "zero\\u200Bwidth"')
    expect(run.output).toContain('- delete user group "g\\r\\n::error::x"')
    for (const line of run.output.split(/\r\n|\n|\r/)) expect(line.trimStart().startsWith('::'), line).toBe(false)
    expect(run.output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
  })
})

describe('no lockout through groups (built CLI)', () => {
  it("leaves alone the groups the token's user is in, and says why", async () => {
    const w = await world(
      { users: [user('ann', ['admins'])], userGroups: [group('admins', ['org-admins']), group('org-admins'), group('stale')] },
      { 'users.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups:\n  - user_group_id: team\n' },
    )
    // The token is the bootstrap admin's, who is in adminGroup; the config declares neither.
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.output).toContain('  = user group adminGroup (would delete): protected: the organization\'s bootstrap group and its member "admin" is the token\'s own user')
    expect(run.output).toContain('  - delete user group stale')
    expect(run.output).toContain('  ~ update user ann')
    expect(run.exitCode).toBe(0)
  })
})
