import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from '../cli/capture-io.js'
import type { OrganizationSeed, StoredUser, StoredUserGroup } from '../emulators/gooddata-cloud/organization-state.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'

/** A config folder written to a temporary directory; removed by `cleanUp`. */
export function writeConfig(files: Record<string, string>): { cwd: string; cleanUp: () => void } {
  const cwd = mkdtempSync(join(tmpdir(), 'upa-scenario-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(cwd, 'config', path, '..'), { recursive: true })
    writeFileSync(join(cwd, 'config', path), text)
  }
  return { cwd, cleanUp: () => rmSync(cwd, { recursive: true, force: true }) }
}

export const user = (id: string, userGroups: string[] = [], attributes: StoredUser['attributes'] = {}): StoredUser => ({
  id,
  attributes,
  userGroups,
})
export const group = (id: string, parents: string[] = [], name?: string): StoredUserGroup => ({
  id,
  attributes: name === undefined ? {} : { name },
  parents,
})

/** The organization the bootstrap leaves: admin in adminGroup, plus what a scenario adds. */
export function organization(extra: { users?: StoredUser[]; userGroups?: StoredUserGroup[] } = {}): OrganizationSeed {
  return {
    users: [user('admin', ['adminGroup']), ...(extra.users ?? [])],
    userGroups: [group('adminGroup'), ...(extra.userGroups ?? [])],
  }
}

/** An emulator and a config folder, and a way to run the CLI against both. */
export async function scenario(files: Record<string, string>, options: EmulatorOptions = {}) {
  const config = writeConfig(files)
  const emulator: RunningEmulator = await startGoodDataEmulator(options)
  const run = async (command: 'plan' | 'apply', ...flags: string[]) => {
    const cli = captureIo(config.cwd, { GOODDATA_TOKEN: DEFAULT_TOKEN })
    const exitCode = await runCli([command, '--config', 'config', '--host', emulator.url, ...flags], cli.io)
    return { exitCode, stdout: cli.stdout(), stderr: cli.stderr() }
  }
  const planJson = async (...flags: string[]) => {
    const result = await run('plan', '--format', 'json', ...flags)
    return { ...result, plan: JSON.parse(result.stdout) as PlanJson }
  }
  const close = async () => {
    await emulator.close()
    config.cleanUp()
  }
  return { emulator, run, planJson, close, cwd: config.cwd }
}

/** The JSON plan's shape, as far as tests read it. */
export interface PlanJson {
  hash: string
  blocked: boolean
  blocked_reasons: string[]
  summary: Record<'users' | 'user_groups', { create: number; update: number; delete: number }>
  changes: { action: string; kind: string; id: string; fields?: unknown[]; depends_on?: string[] }[]
  skipped: { kind: string; id: string; reason: string; would_have: string }[]
  effective_access: {
    user_id: string
    gained: { group: string; via: string[] }[]
    lost: { group: string; via: string[] }[]
  }[]
}

/** `action kind id` lines, the compact form scenario tables compare. */
export function changeLines(plan: PlanJson): string[] {
  return plan.changes.map((change) => `${change.action} ${change.kind} ${change.id}`)
}
