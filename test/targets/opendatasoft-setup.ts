import { afterEach } from 'vitest'
import type { TargetSettings } from '../../src/core/model/entities.js'
import { createOpendatasoftTarget, type OpendatasoftTargetOptions } from '../../src/shell/targets/opendatasoft/create-opendatasoft-target.js'
import type { OpendatasoftTarget } from '../../src/shell/targets/opendatasoft/opendatasoft-target.js'
import { DEMO_DOMAIN } from '../emulators/opendatasoft/demo-domain.js'
import { DEFAULT_API_KEY, requestsWithKeyInQuery, startOpendatasoftEmulator, type OpendatasoftEmulatorOptions, type RunningOpendatasoftEmulator } from '../emulators/opendatasoft/server.js'

export const INVITE: TargetSettings = { type: 'opendatasoft', opendatasoft: { createUsersBy: 'invite' } }
export const PROVISION: TargetSettings = { type: 'opendatasoft', opendatasoft: { createUsersBy: 'provision', identityProvider: 'corporate-saml' } }

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
  const opened: Session[] = []
  afterEach(async () => {
    const sessions = opened.splice(0)
    for (const { target, emulator } of sessions.reverse()) {
      await target.close()
      await emulator.close()
    }
    for (const { emulator } of sessions) {
      if (requestsWithKeyInQuery(emulator.requestLog).length > 0) throw new Error('a request carried the API key in its URL')
    }
  })
  return async function setUp(options: OpendatasoftEmulatorOptions = {}, targetOptions: Partial<OpendatasoftTargetOptions> = {}): Promise<Session> {
    const emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN, ...options })
    const retries: string[] = []
    const target = createOpendatasoftTarget({
      host: emulator.url,
      apiKey: DEFAULT_API_KEY,
      settings: INVITE,
      sleep: async () => {},
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      requestTimeoutMs: 5_000,
      onRetry: ({ method, path, reason }) => void retries.push(`${method} ${path} ${reason}`),
      ...targetOptions,
    })
    const session = { emulator, target, retries }
    opened.push(session)
    return session
  }
}

/** The requests the emulator logged, as `METHOD path`, from `since` on. */
export function requestLines(emulator: RunningOpendatasoftEmulator, since = 0): string[] {
  return emulator.requestLog.slice(since).map((entry) => `${entry.method} ${entry.path}`)
}

/** Many users for a seed: u0000, u0001… each with an e-mail. */
export function manyUsers(count: number) {
  return Array.from({ length: count }, (_, i) => ({ username: `u${String(i).padStart(4, '0')}`, email: `u${i}@example.com` }))
}
