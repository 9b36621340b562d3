import { targetSessions, testClient } from '../support/target-sessions.js'
import type { TargetSettings } from '../../src/core/model/entities.js'
import {
  createOpendatasoftTarget,
  type OpendatasoftTargetOptions,
} from '../../src/shell/targets/opendatasoft/create-opendatasoft-target.js'
import type { OpendatasoftTarget } from '../../src/shell/targets/opendatasoft/opendatasoft-target.js'
import { DEMO_DOMAIN } from '../emulators/opendatasoft/demo-domain.js'
import {
  DEFAULT_API_KEY,
  requestsWithKeyInQuery,
  startOpendatasoftEmulator,
  type OpendatasoftEmulatorOptions,
  type RunningOpendatasoftEmulator,
} from '../emulators/opendatasoft/server.js'

export const INVITE: TargetSettings = { type: 'opendatasoft', opendatasoft: { createUsersBy: 'invite' } }
export const PROVISION: TargetSettings = {
  type: 'opendatasoft',
  opendatasoft: { createUsersBy: 'provision', identityProvider: 'corporate-saml' },
}

export interface Session {
  readonly emulator: RunningOpendatasoftEmulator
  readonly target: OpendatasoftTarget
  /** Every retry the client made, as `METHOD path reason`. */
  readonly retries: string[]
}

/**
 * An emulator (the demo domain unless a seed is given) and a target on it, closed after each test.
 * Waits are skipped and tries bounded, so a test never sleeps; every test ends by checking that no
 * request put the key in its URL.
 */
export function opendatasoftSessions() {
  const keep = targetSessions<Session>(({ emulator }) =>
    requestsWithKeyInQuery(emulator.requestLog).length > 0 ? 'a request carried the API key in its URL' : undefined,
  )
  return async function setUp(
    options: OpendatasoftEmulatorOptions = {},
    targetOptions: Partial<OpendatasoftTargetOptions> = {},
  ): Promise<Session> {
    const emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN, ...options })
    const retries: string[] = []
    const target = createOpendatasoftTarget({
      host: emulator.url,
      apiKey: DEFAULT_API_KEY,
      settings: INVITE,
      ...testClient(retries),
      ...targetOptions,
    })
    return keep({ emulator, target, retries })
  }
}

/** The requests the emulator logged, as `METHOD path`, from `since` on. */
export function requestLines(emulator: RunningOpendatasoftEmulator, since = 0): string[] {
  return emulator.requestLog.slice(since).map((entry) => `${entry.method} ${entry.path}`)
}

/** Many users for a seed: u0000, u0001… each with an e-mail. */
export function manyUsers(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    username: `u${String(i).padStart(4, '0')}`,
    email: `u${i}@example.com`,
  }))
}
