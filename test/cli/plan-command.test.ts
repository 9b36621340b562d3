import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TargetType } from '../../src/core/model/entities.js'
import { TARGET_PROFILES } from '../../src/core/targets/profiles.js'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { adapterFor } from '../../src/shell/targets/connect-target.js'
import { DEFAULT_TOKEN } from '../emulators/gooddata-cloud/server.js'
import { organization, scenario, user, writeConfig } from '../support/scenario.js'
import { captureIo } from './capture-io.js'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('plan and apply: usage errors send nothing', () => {
  it.each([
    [['plan', '--config', 'config'], {}, /no host: pass --host URL, set GOODDATA_HOST, or set target.host/],
    [['plan', '--config', 'config', '--host', 'http://127.0.0.1:9'], {}, /no token: set GOODDATA_TOKEN/],
    [['apply', '--config', 'config', '--token', 'abc'], {}, /there is no --token option/],
    [['apply', '--config', 'config', '--token=abc'], {}, /there is no --token option/],
    [
      ['plan', '--config', 'config', '--load', 'partial'],
      {},
      /--load "partial" is not supported; expected full or incremental/,
    ],
    [
      ['plan', '--config', 'config', '--concurrency', '0'],
      {},
      /--concurrency "0" is not supported; expected a whole number from 1 to 64/,
    ],
    [['apply', '--config', 'config', '--detailed-exitcode'], {}, /Unknown option '--detailed-exitcode'/],
    [['plan', '--config', 'config', '--host', 'ftp://x'], { GOODDATA_TOKEN: 't' }, /uses ftp; use https:\/\//],
    [
      ['plan', '--config', 'config', '--host', 'http://analytics.example.com'],
      { GOODDATA_TOKEN: 't' },
      /uses plain http:\/\/, which would send the token in clear text/,
    ],
    [['export', '--out', 'exported'], {}, /^error: no host: pass --host URL or set GOODDATA_HOST\n/],
    [
      ['export', '--out', 'exported', '--target', 'tableau'],
      {},
      /--target "tableau" is not a target type; expected gooddata-cloud, opendatasoft, gooddata-platform/,
    ],
  ])('%j exits 64', async (argv, env, message) => {
    const config = writeConfig({ 'users.yaml': 'users: []\n' })
    closers.push(config.cleanUp)
    const cli = captureIo(config.cwd, env)
    expect(await runCli(argv, cli.io)).toBe(64)
    expect(cli.stderr()).toMatch(message)
    expect(cli.stderr()).not.toContain('abc')
  })

  it('has an adapter for every target type the core knows', () => {
    for (const type of Object.keys(TARGET_PROFILES) as TargetType[])
      expect(adapterFor(type).create).toBeTypeOf('function')
  })
})

describe('plan and apply: outputs', () => {
  it('takes the host from GOODDATA_HOST and writes --out files', async () => {
    const s = await scenario(
      { 'users.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups:\n  - user_group_id: g\n' },
      { seed: organization() },
    )
    closers.push(s.close)
    const cli = captureIo(s.cwd, { GOODDATA_TOKEN: DEFAULT_TOKEN, GOODDATA_HOST: s.emulator.url })
    expect(await runCli(['plan', '--config', 'config', '--format', 'json', '--out', 'plan.json'], cli.io)).toBe(0)
    expect(cli.stdout()).toMatch(
      /^Plan: users 1\/0\/0, user groups 1\/0\/0 \(create\/update\/delete\); hash [0-9a-f]{12}\nWrote json to plan\.json\n$/,
    )
    const written = JSON.parse(readFileSync(join(s.cwd, 'plan.json'), 'utf8')) as Record<string, unknown>
    expect(Object.keys(written)).toEqual([
      'version',
      'hash',
      'blocked',
      'blocked_reasons',
      'load',
      'target',
      'summary',
      'unchanged',
      'changes',
      'skipped',
      'effective_access',
    ])
    expect(written['version']).toBe(1)
    expect(written['summary']).toEqual({
      users: { create: 1, update: 0, delete: 0 },
      user_groups: { create: 1, update: 0, delete: 0 },
    })
  })

  it('reports an API failure during planning in one line, without a stack or the token', async () => {
    const s = await scenario({ 'users.yaml': 'users: []\n' }, { seed: organization(), token: 'other-token' })
    closers.push(s.close)
    const result = await s.run('plan')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(
      /^error: the target answered GET \/api\/v1\/(profile|entities\/\w+) → 401 Unauthorized: Authorization failed/,
    )
    expect(result.stderr).not.toContain(DEFAULT_TOKEN)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('prints apply progress lines for long runs', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `  - user_id: u${i}\n`).join('')
    const s = await scenario(
      { 'users.yaml': `users:\n${users}`, 'groups.yaml': 'user_groups:\n  - user_group_id: g\n' },
      { seed: organization({ users: [user('u0')] }) },
    )
    closers.push(s.close)
    const result = await s.run('apply')
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toMatch(/apply: 60\/60 changes done\n$/)
  })
})
