import { DEMO_ORGANIZATION } from './gooddata-cloud/demo-organization.js'
import type { OrganizationSeed } from './gooddata-cloud/organization-state.js'
import { startGoodDataEmulator } from './gooddata-cloud/server.js'
import { DEMO_PROJECT } from './gooddata-platform/demo-project.js'
import { startGoodDataPlatformEmulator, type PlatformSeed } from './gooddata-platform/server.js'
import { DEMO_DOMAIN } from './opendatasoft/demo-domain.js'
import type { DomainSeed } from './opendatasoft/domain-state.js'
import { startOpendatasoftEmulator } from './opendatasoft/server.js'

/** The shared options every emulator takes from the command line. */
export interface EmulatorStartOptions {
  readonly port: number
  readonly latencyMs: number
  readonly rateLimit?: number
  readonly faultRate: number
  readonly randomSeed: number
  readonly token?: string
  /** A named seed's organization, or a seed file's parsed JSON. */
  readonly seed?: unknown
}

/** One target's emulator as `npm run emulator` starts it. */
export interface EmulatorTarget {
  readonly name: string
  /** Names the emulator in its "… emulator listening on URL" line, which bench/ looks for. */
  readonly title: string
  /** Organizations `--seed NAME` starts with, by name. */
  readonly namedSeeds: Readonly<Record<string, unknown>>
  start(options: EmulatorStartOptions): Promise<{ readonly url: string; close(): Promise<void> }>
}

/** Every target with an emulator; the first is the default. */
export const EMULATOR_TARGETS: readonly EmulatorTarget[] = [
  {
    name: 'gooddata-cloud',
    title: 'GoodData',
    namedSeeds: { demo: DEMO_ORGANIZATION },
    start: ({ seed, token, ...options }) =>
      startGoodDataEmulator({
        ...options,
        ...(token === undefined ? {} : { token }),
        // Seed files are the caller's own test data, taken as they are.
        ...(seed === undefined ? {} : { seed: seed as OrganizationSeed }),
      }),
  },
  {
    name: 'opendatasoft',
    title: 'Opendatasoft',
    namedSeeds: { demo: DEMO_DOMAIN },
    start: ({ seed, token, ...options }) =>
      startOpendatasoftEmulator({
        ...options,
        // --token is the API key of the seed's apiKeyUser.
        ...(token === undefined ? {} : { apiKey: token }),
        ...(seed === undefined ? {} : { seed: seed as DomainSeed }),
      }),
  },
  {
    name: 'gooddata-platform',
    title: 'GoodData Platform',
    namedSeeds: { demo: DEMO_PROJECT },
    start: ({ seed, token, ...options }) =>
      startGoodDataPlatformEmulator({
        ...options,
        // --token is the password of the seed's first domain admin: the platform has no API tokens (wire facts §C G11).
        ...(token === undefined ? {} : { password: token }),
        ...(seed === undefined ? {} : { seed: seed as PlatformSeed }),
      }),
  },
]

/** The target named `name`, if there is one. */
export function findEmulatorTarget(name: string): EmulatorTarget | undefined {
  return EMULATOR_TARGETS.find((target) => target.name === name)
}
