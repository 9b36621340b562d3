import { startApiServer, type ApiServerOptions } from '../shared/api-server.js'
import type { LoggedRequest as AnyLoggedRequest } from '../shared/request-log.js'
import { createGoodDataApi } from './gooddata-api.js'
import type { HostileAnswer } from './hostile-answers.js'
import { OrganizationState, type OrganizationSeed } from './organization-state.js'

export type { Fault } from '../shared/faults.js'

/** GoodData.CN Community Edition's bootstrap token: base64 of admin:bootstrap:admin123. */
export const DEFAULT_TOKEN = 'YWRtaW46Ym9vdHN0cmFwOmFkbWluMTIz'

export interface EmulatorOptions extends ApiServerOptions<HostileAnswer> {
  /** The bootstrap user's token. */
  readonly token?: string
  /** More tokens, each belonging to a user id. */
  readonly extraTokens?: Readonly<Record<string, string>>
  readonly seed?: OrganizationSeed
  /** Answer lists without meta.page even when asked, as a server that does not count. */
  readonly omitPageMeta?: boolean
  /** Put the token the client sent, raw, base64 and URL-encoded, in every trace id, as a careless server might. */
  readonly echoTokenInTraceId?: boolean
  /** Answer 404 to the users and groups layouts, so a client reads the paged entity lists. */
  readonly withoutUserLayouts?: boolean
}

/** One request as the emulator saw it: for tests and benchmarks to count and check. */
export type LoggedRequest = AnyLoggedRequest<HostileAnswer['kind']>

export interface RunningEmulator {
  readonly url: string
  readonly port: number
  readonly state: OrganizationState
  readonly requestLog: LoggedRequest[]
  close(): Promise<void>
}

/** Starts the GoodData Cloud emulator on 127.0.0.1. */
export async function startGoodDataEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new OrganizationState(options.seed)
  const bootstrapToken: [string, string] = [options.token ?? DEFAULT_TOKEN, state.bootstrapUser]
  const tokens = [bootstrapToken, ...Object.entries(options.extraTokens ?? {})]
  // GoodData Cloud sends its rate-limit budget with every answer (its rate-limiting page).
  const server = await startApiServer((origin) => createGoodDataApi({ ...options, origin, state, tokens }), {
    announceRateLimit: true,
    ...options,
  })
  return { url: server.origin, port: server.port, state, requestLog: server.requestLog, close: server.close }
}
