import { startApiServer, type ApiServerOptions } from '../shared/api-server.js'
import type { LoggedRequest as AnyLoggedRequest } from '../shared/request-log.js'
import { DomainState, type DomainSeed } from './domain-state.js'
import type { HostileAnswer } from './hostile-answers.js'
import { createOpendatasoftApi } from './opendatasoft-api.js'
import { BASE_PATH } from './routes.js'
import type { ProvisionBody } from './user-routes.js'

export type { Fault } from '../shared/faults.js'
export type { DomainSeed, GroupSeed, UserSeed } from './domain-state.js'

/** The API key of the seed's `apiKeyUser` unless `apiKey` says otherwise; a placeholder, not a real key's shape. */
export const DEFAULT_API_KEY = 'emulator-opendatasoft-api-key'

export interface OpendatasoftEmulatorOptions extends ApiServerOptions<HostileAnswer> {
  /** The key of the seed's `apiKeyUser` (the CLI's `--token`). */
  readonly apiKey?: string
  /** More keys, each belonging to a username of the seed. */
  readonly extraApiKeys?: Readonly<Record<string, string>>
  readonly seed?: DomainSeed
  /**
   * What `POST /users/provision/` takes: a list or one object (the default, wire facts §C O1), or
   * one object only, as the description's schema reads, for tests of a client's fallback.
   */
  readonly provisionBody?: ProvisionBody
}

/** One request as the emulator saw it: for tests and benchmarks to count and check. */
export type LoggedRequest = AnyLoggedRequest<HostileAnswer['kind']>

export interface RunningOpendatasoftEmulator {
  /** The origin, http://127.0.0.1:PORT: what a domain's URL is on the real service. */
  readonly url: string
  /** `url` with the Automation API's base path. */
  readonly apiUrl: string
  readonly port: number
  readonly state: DomainState
  readonly requestLog: LoggedRequest[]
  close(): Promise<void>
}

/** Starts the Opendatasoft Automation API emulator on 127.0.0.1. */
export async function startOpendatasoftEmulator(
  options: OpendatasoftEmulatorOptions = {},
): Promise<RunningOpendatasoftEmulator> {
  const state = new DomainState(options.seed)
  const ownKey: [string, string] = [options.apiKey ?? DEFAULT_API_KEY, state.apiKeyUser]
  const apiKeys = [ownKey, ...Object.entries(options.extraApiKeys ?? {})]
  const server = await startApiServer(() => createOpendatasoftApi({ ...options, state, apiKeys }), options)
  const { origin: url, port, requestLog, close } = server
  return { url, apiUrl: `${url}${BASE_PATH}`, port, state, requestLog, close }
}

/** The logged requests that carried an API key in the URL (`?apikey=`), which a client should never do. */
export function requestsWithKeyInQuery(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((entry) => new URLSearchParams(entry.query).has('apikey'))
}
