import { startApiServer, type ApiServerOptions } from '../shared/api-server.js'
import type { LoggedRequest as AnyLoggedRequest } from '../shared/request-log.js'
import { createPlatformApi, type HostileAnswer } from './platform-api.js'
import { DEFAULT_DOMAIN, DEFAULT_PROJECT, seedState, type PlatformSeed } from './platform-seed.js'
import { PlatformState } from './platform-state.js'

export type { Fault } from '../shared/faults.js'
export type { HostileAnswer } from './platform-api.js'
export { DEFAULT_DOMAIN, DEFAULT_LOGIN, DEFAULT_PASSWORD, DEFAULT_PROJECT } from './platform-seed.js'
export type { GroupSeed, PlatformSeed, UserSeed } from './platform-seed.js'

/** The TT lives about ten minutes, the SST seven days (wire facts §C G9). */
const TT_SECONDS = 600
const SST_SECONDS = 7 * 24 * 3600

export interface GoodDataPlatformEmulatorOptions extends ApiServerOptions<HostileAnswer> {
  /** The default seed (one domain admin) when not given. */
  readonly seed?: PlatformSeed
  /** Replaces the password of the seed's first domain admin (the CLI's `--token`). */
  readonly password?: string
  /** Uses of one TT before it answers 401; no limit when not given. */
  readonly ttRequests?: number
  /** Seconds a TT lives (fractions allowed); 600 when not given. */
  readonly ttSeconds?: number
  /** Uses of one SST (a token request, a logout) before it answers 401; no limit when not given. */
  readonly sstRequests?: number
  /** Seconds an SST lives; seven days when not given. */
  readonly sstSeconds?: number
  /** Test-only: requests answered with a 400 whose message quotes the TT they carried (none when not given). */
  readonly quoteToken?: (request: { method: string; path: string }) => boolean
}

/** One request as the emulator saw it: for tests and benchmarks to count and check. */
export type LoggedRequest = AnyLoggedRequest<HostileAnswer['kind']>

export interface RunningGoodDataPlatformEmulator {
  /** The origin, http://127.0.0.1:PORT, which `/gdc/…` paths follow. */
  readonly url: string
  readonly port: number
  readonly state: PlatformState
  readonly requestLog: LoggedRequest[]
  close(): Promise<void>
}

/** Starts the legacy GoodData Platform (`/gdc`) emulator on 127.0.0.1. */
export async function startGoodDataPlatformEmulator(
  options: GoodDataPlatformEmulatorOptions = {},
): Promise<RunningGoodDataPlatformEmulator> {
  const seed = options.seed ?? {}
  const lifetime = (requests: number | undefined, seconds: number) => ({
    ...(requests === undefined ? {} : { requests }),
    seconds,
  })
  const state = new PlatformState(
    { domain: seed.domain ?? DEFAULT_DOMAIN, project: seed.project ?? DEFAULT_PROJECT },
    {
      ...(options.randomSeed === undefined ? {} : { randomSeed: options.randomSeed }),
      tt: lifetime(options.ttRequests, options.ttSeconds ?? TT_SECONDS),
      sst: lifetime(options.sstRequests, options.sstSeconds ?? SST_SECONDS),
    },
  )
  seedState(state, seed, options.password)
  const api = {
    state,
    ...(options.randomSeed === undefined ? {} : { randomSeed: options.randomSeed }),
    ...(options.quoteToken ? { quoteToken: options.quoteToken } : {}),
  }
  const server = await startApiServer(() => createPlatformApi(api), options)
  return { url: server.origin, port: server.port, state, requestLog: server.requestLog, close: server.close }
}
