import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_DOMAIN } from '../emulators/opendatasoft/demo-domain.js'
import { DEFAULT_API_KEY, requestsWithKeyInQuery, startOpendatasoftEmulator } from '../emulators/opendatasoft/server.js'
import { writeConfig } from '../support/scenario.js'

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')
const example = join(import.meta.dirname, '..', '..', 'examples', 'opendatasoft')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The built CLI as a user runs it, with the API key in ODS_API_KEY only; stdout and stderr together. */
async function runBuilt(
  cwd: string,
  args: string[],
  key = DEFAULT_API_KEY,
): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ODS_API_KEY: key },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { exitCode, output }
}

/** examples/opendatasoft, with `change` applied to one of its files, against the demo domain. */
async function world(change: (files: Record<string, string>) => void = () => {}) {
  const files = Object.fromEntries(
    readdirSync(example).map((name) => [name, readFileSync(join(example, name), 'utf8')]),
  )
  change(files)
  const emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN })
  const config = writeConfig(files)
  closers.push(() => emulator.close(), config.cleanUp)
  return { emulator, cwd: config.cwd, host: ['--host', emulator.url] }
}

describe('Opendatasoft with the built CLI', () => {
  it('plans, applies with the uid the server gives a new group, then plans no changes; the key is in no URL and no output', async () => {
    const w = await world()
    const plan = await runBuilt(w.cwd, ['plan', '--config', 'config', ...w.host])
    expect(plan.exitCode).toBe(0)
    expect(plan.output).toContain(
      '  + create user group data-publishers  (user_group_name: "Data publishers", permissions: "manage_page, publish_dataset")',
    )
    expect(plan.output).toContain(
      '  = user ods.support (would delete): protected: an Opendatasoft staff account (is_ods)',
    )
    expect(plan.output).toContain(
      'Note: deleting removes the user from this domain only; their Opendatasoft account stays.',
    )
    const apply = await runBuilt(w.cwd, ['apply', '--config', 'config', ...w.host])
    expect(apply.exitCode).toBe(0)
    expect(apply.output).toContain(
      '  ✓ create user group data-publishers: the target named it data_publishers; write user_group_id: data_publishers in the config',
    )
    expect(w.emulator.state.groups.get('data_publishers')?.members).toEqual(['sam.lee'])
    const again = await runBuilt(w.cwd, ['plan', '--config', 'config', ...w.host, '--detailed-exitcode'])
    expect(again.exitCode).toBe(0)
    expect(again.output).toContain(
      'user group data-publishers is data_publishers on Opendatasoft (the same title); the plan treats it as that one: write user_group_id: data_publishers',
    )
    expect(requestsWithKeyInQuery(w.emulator.requestLog)).toEqual([])
    for (const run of [plan, apply, again]) expect(run.output).not.toContain(DEFAULT_API_KEY)
  })

  it('exports the domain as a config that validates and plans no changes', async () => {
    const w = await world()
    const exported = await runBuilt(w.cwd, ['export', '--target', 'opendatasoft', '--out', 'exported', ...w.host])
    expect(exported.exitCode).toBe(0)
    const groups = readFileSync(join(w.cwd, 'exported', 'groups.yaml'), 'utf8')
    expect(groups).toContain(
      '  - user_group_id: data_engineers\n    user_group_name: Data engineers\n    permissions: [create_dataset, edit_dataset, publish_dataset]\n',
    )
    expect(readFileSync(join(w.cwd, 'exported', 'provisioning.yaml'), 'utf8')).toContain('  type: opendatasoft\n')
    expect((await runBuilt(w.cwd, ['validate', '--config', 'exported'])).exitCode).toBe(0)
    const plan = await runBuilt(w.cwd, ['plan', '--config', 'exported', '--detailed-exitcode', ...w.host])
    expect(plan.output).toContain('Plan: no changes')
    expect(plan.exitCode).toBe(0)
  })

  it('blocks a plan that leaves the domain without an administrator, and applies nothing', async () => {
    const w = await world((files) => {
      files['users.yaml'] = files['users.yaml']!.replace('    permissions: [edit_domain]\n', '')
      files['groups.yaml'] = files['groups.yaml']!.replace('    permissions: [edit_domain]\n', '')
      // Unprotected, so that its own edit_domain would go too.
      files['provisioning.yaml'] = files['provisioning.yaml']!.replace('  users: [admin]', '  users: []')
    })
    const apply = await runBuilt(w.cwd, ['apply', '--config', 'config', ...w.host])
    expect(apply.exitCode).toBe(3)
    expect(apply.output).toContain(
      'after this plan no user would hold edit_domain, directly or through a group: the domain would be left without an administrator',
    )
    expect(w.emulator.requestLog.filter((request) => request.method !== 'GET')).toEqual([])
  })

  it('says a wrong key is refused, names the variable, and prints no part of it', async () => {
    const w = await world()
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', ...w.host], 'wrong-key-0123456789abcdef')
    expect(run.exitCode).toBe(1)
    expect(run.output).toMatch(/401/)
    expect(run.output).not.toContain('wrong-key-0123456789abcdef')
    expect(run.output).not.toMatch(/internal error|\n\s+at /)
  })

  it('refuses a key a header cannot carry before sending anything, and prints no part of it', async () => {
    const w = await world()
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', ...w.host], 'k€y-0123456789')
    expect(run.exitCode).toBe(64)
    expect(run.output).toContain(
      'ODS_API_KEY holds a space, a line break or a character outside ASCII, which no API key has; set it again without them',
    )
    expect(run.output).not.toContain('0123456789')
    expect(w.emulator.requestLog).toEqual([])
  })

  it('without ODS_API_KEY, says what to set and sends nothing', async () => {
    const w = await world()
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', ...w.host], '')
    expect(run.exitCode).toBe(64)
    expect(run.output).toContain(
      'no token: set ODS_API_KEY to an API key of the domain with the edit_domain permission',
    )
    expect(w.emulator.requestLog).toEqual([])
  })
})
