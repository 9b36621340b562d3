import { targetSessions, testClient } from '../support/target-sessions.js'
import type { GoodDataPlatformSettings, TargetSettings } from '../../src/core/model/entities.js'
import type { DesiredState } from '../../src/core/model/entities.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { GOODDATA_PLATFORM } from '../../src/core/targets/profiles.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import {
  createGoodDataPlatformTarget,
  type GoodDataPlatformTargetOptions,
} from '../../src/shell/targets/gooddata-platform/create-gooddata-platform-target.js'
import type { GoodDataPlatformTarget } from '../../src/shell/targets/gooddata-platform/gooddata-platform-target.js'
import { DEMO_PROJECT } from '../emulators/gooddata-platform/demo-project.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  startGoodDataPlatformEmulator,
  type GoodDataPlatformEmulatorOptions,
  type RunningGoodDataPlatformEmulator,
} from '../emulators/gooddata-platform/server.js'
import { desiredState } from '../support/states.js'

export const LOGIN = { username: DEFAULT_LOGIN, password: DEFAULT_PASSWORD }

/** provisioning.yaml's target for the emulator's domain and project. */
export function platformTarget(settings: Partial<GoodDataPlatformSettings> = {}): TargetSettings {
  return {
    type: 'gooddata-platform',
    gooddataPlatform: {
      domain: DEFAULT_DOMAIN,
      project: DEFAULT_PROJECT,
      removal: 'disable',
      defaultRole: 'readOnlyUserRole',
      ...settings,
    },
  }
}

/** A desired state for the legacy platform: a full load unless told, the settings' removal and default role. */
export function legacy(
  users: Parameters<typeof desiredState>[0],
  groups: Parameters<typeof desiredState>[1],
  settings: Partial<GoodDataPlatformSettings> = {},
  load: 'full' | 'incremental' = 'full',
): DesiredState {
  return desiredState(users, groups, { target: platformTarget(settings), load })
}

export interface PlatformSession {
  readonly emulator: RunningGoodDataPlatformEmulator
  readonly target: GoodDataPlatformTarget
  /** Every retry the client made, as `METHOD path reason`. */
  readonly retries: string[]
}

/**
 * An emulator (the demo project unless a seed is given) and a target on it, both closed after each
 * test. Waits are skipped and tries bounded, so a test never sleeps; every test ends by checking
 * that no request put a secret in its URL.
 */
export function platformSessions() {
  const keep = targetSessions<PlatformSession>(({ emulator }) => {
    const secrets = issuedSecrets(emulator)
    const inUrl = emulator.requestLog.some((entry) =>
      secrets.some((secret) => entry.query.includes(secret) || entry.path.includes(secret)),
    )
    return inUrl ? 'a request carried a secret in its URL' : undefined
  })
  return async function setUp(
    options: GoodDataPlatformEmulatorOptions = {},
    targetOptions: Partial<GoodDataPlatformTargetOptions> = {},
  ): Promise<PlatformSession> {
    const emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT, ...options })
    const retries: string[] = []
    const target = createGoodDataPlatformTarget({
      host: emulator.url,
      credentials: LOGIN,
      settings: platformTarget(),
      concurrency: 4,
      ...testClient(retries),
      ...targetOptions,
    })
    return keep({ emulator, target, retries })
  }
}

/** One apply as the CLI runs it: read, plan with the legacy profile, execute. */
export async function applyOnce(target: GoodDataPlatformTarget, desired: DesiredState, concurrency = 4) {
  const plan = computePlan(desired, await target.readState(), { profile: GOODDATA_PLATFORM })
  return { plan, result: await executePlan(plan, target, { concurrency }) }
}

/** The plan's changes as `action id` (`→ group` for memberships). */
export function changeLines(plan: ReturnType<typeof computePlan>): string[] {
  return plan.changes.map(
    ({ change }) => `${change.action} ${change.id}${'group' in change ? ` → ${change.group}` : ''}`,
  )
}

/** The requests the emulator logged, as `METHOD path`, from `since` on. */
export function requestLines(emulator: RunningGoodDataPlatformEmulator, since = 0): string[] {
  return emulator.requestLog.slice(since).map((entry) => `${entry.method} ${entry.path}`)
}

/** Every password sent and every SST and TT answered, as the emulator logged them: what no message may hold. */
export function issuedSecrets(emulator: RunningGoodDataPlatformEmulator): string[] {
  const found = new Set<string>([DEFAULT_PASSWORD])
  const visit = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && ['password', 'verifyPassword', 'token'].includes(key)) found.add(value)
    else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) visit(inner, name)
  }
  for (const entry of emulator.requestLog) {
    visit(entry.requestBody)
    visit(entry.responseBody)
  }
  return [...found].filter((secret) => secret.length >= 4)
}

/** The group of a name, by the emulator's state. */
export function groupNamed(emulator: RunningGoodDataPlatformEmulator, name: string) {
  return [...emulator.state.groups.values()].find((group) => group.name === name)
}
