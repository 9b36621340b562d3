import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PROJECT } from '../emulators/gooddata-platform/demo-project.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  startGoodDataPlatformEmulator,
} from '../emulators/gooddata-platform/server.js'
import { writeConfig } from '../support/scenario.js'

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')
const example = join(import.meta.dirname, '..', '..', 'examples', 'gooddata-platform')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The built CLI as a user runs it, signing in through the variables only; stdout and stderr together. */
async function runBuilt(
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { exitCode, output }
}

async function world(options: { ttRequests?: number } = {}) {
  const files = Object.fromEntries(
    readdirSync(example).map((name) => [name, readFileSync(join(example, name), 'utf8')]),
  )
  const emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT, ...options })
  const config = writeConfig(files)
  closers.push(() => emulator.close(), config.cleanUp)
  return { emulator, cwd: config.cwd, args: ['--config', 'config', '--host', emulator.url] }
}

// Every secret the emulator hands out looks like emulator-sst-… or emulator-tt-…; none may be printed.
const SESSION_TOKEN = /emulator-(sst|tt)-/

describe('the legacy GoodData Platform with the built CLI', () => {
  it('applies while its temporary token keeps expiring, converges, and prints neither the password nor any token', async () => {
    const w = await world({ ttRequests: 25 })
    const login = { GDC_USERNAME: DEFAULT_LOGIN, GDC_PASSWORD: DEFAULT_PASSWORD }
    const apply = await runBuilt(w.cwd, ['apply', ...w.args], login)
    expect(apply.exitCode).toBe(0)
    expect(apply.output).toContain('Apply: applied 8 of 8 changes.')
    expect(apply.output).toContain(
      '  = user partner.analyst@partner.example (would delete): protected: an account of another domain (partner-domain)',
    )
    const again = await runBuilt(w.cwd, ['plan', '--detailed-exitcode', ...w.args], login)
    expect(again.exitCode).toBe(0)
    expect(w.emulator.requestLog.filter((entry) => entry.path === '/gdc/account/token').length).toBeGreaterThan(2)
    for (const run of [apply, again]) {
      expect(run.output).not.toContain(DEFAULT_PASSWORD)
      expect(run.output).not.toMatch(SESSION_TOKEN)
    }
  })

  it('exports the project as a config that validates and plans no changes, disabled users as is_active: false', async () => {
    const w = await world()
    const login = { GDC_USERNAME: DEFAULT_LOGIN, GDC_PASSWORD: DEFAULT_PASSWORD }
    const place = ['--target', 'gooddata-platform', '--domain', DEFAULT_DOMAIN, '--project', DEFAULT_PROJECT]
    const exported = await runBuilt(w.cwd, ['export', ...place, '--out', 'exported', '--host', w.emulator.url], login)
    expect(exported.exitCode).toBe(0)
    const users = readFileSync(join(w.cwd, 'exported', 'users.yaml'), 'utf8')
    expect(users).toContain('  - user_id: maria.garcia@example.com\n')
    expect(users).toMatch(/maria\.garcia@example\.com\n( {4}.*\n)* {4}is_active: false\n/)
    expect(readFileSync(join(w.cwd, 'exported', 'provisioning.yaml'), 'utf8')).toContain(
      `  domain: ${DEFAULT_DOMAIN}\n  project: ${DEFAULT_PROJECT}\n`,
    )
    expect((await runBuilt(w.cwd, ['validate', '--config', 'exported'], {})).exitCode).toBe(0)
    const plan = await runBuilt(
      w.cwd,
      ['plan', '--config', 'exported', '--detailed-exitcode', '--host', w.emulator.url],
      login,
    )
    expect(plan.output).toContain('Plan: no changes')
    expect(plan.exitCode).toBe(0)
  })

  it('says a refused password clearly, exits 1, and prints neither the login nor the password', async () => {
    const w = await world()
    const run = await runBuilt(w.cwd, ['plan', ...w.args], {
      GDC_USERNAME: DEFAULT_LOGIN,
      GDC_PASSWORD: 'wrong-password-4242',
    })
    expect(run.exitCode).toBe(1)
    expect(run.output).toMatch(/login or password was refused/)
    expect(run.output).not.toContain('wrong-password-4242')
    expect(run.output).not.toMatch(/internal error|\n\s+at /)
  })

  it('without credentials, names both ways to sign in and sends nothing', async () => {
    const w = await world()
    const run = await runBuilt(w.cwd, ['plan', ...w.args], {})
    expect(run.exitCode).toBe(64)
    expect(run.output).toContain('no credentials: set GDC_USERNAME and GDC_PASSWORD, or GDC_SST')
    expect(w.emulator.requestLog).toEqual([])
  })
})
