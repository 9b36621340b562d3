import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from '../cli/capture-io.js'
import type { OrganizationSeed } from '../emulators/gooddata-cloud/organization-state.js'
import { DEFAULT_TOKEN, startGoodDataEmulator, type RunningEmulator } from '../emulators/gooddata-cloud/server.js'

export const projectRoot = join(import.meta.dirname, '..', '..')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A temporary working folder and an emulator seeded with `seed`; `cli` runs a command there against it. */
export async function setUp(seed: OrganizationSeed) {
  const cwd = mkdtempSync(join(tmpdir(), 'upa-export-'))
  const emulator: RunningEmulator = await startGoodDataEmulator({ seed })
  closers.push(
    () => emulator.close(),
    () => rmSync(cwd, { recursive: true, force: true }),
  )
  const cli = async (...argv: string[]) => {
    const io = captureIo(cwd, { GOODDATA_TOKEN: DEFAULT_TOKEN, GOODDATA_HOST: emulator.url })
    return { exitCode: await runCli(argv, io.io), stdout: io.stdout(), stderr: io.stderr() }
  }
  return { cwd, emulator, cli }
}

/** export → validate passes → plan shows no changes, and nothing was written to the organization. */
export async function expectRoundTrip(seed: OrganizationSeed, layout = 'single') {
  const s = await setUp(seed)
  const exported = await s.cli('export', '--out', 'access', '--layout', layout)
  expect(exported.exitCode, exported.stderr).toBe(0)
  const validated = await s.cli('validate', '--config', 'access')
  expect(validated.exitCode, validated.stdout).toBe(0)
  const planned = await s.cli('plan', '--config', 'access', '--detailed-exitcode', '--format', 'json')
  expect(planned.exitCode, planned.stdout.slice(0, 2_000)).toBe(0)
  expect(JSON.parse(planned.stdout).changes).toEqual([])
  expect(s.emulator.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
  return { ...s, exported }
}
