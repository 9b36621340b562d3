import type { ServerResponse } from 'node:http'
import type { Fault } from './faults.js'

/** One request as the emulator saw it: for tests and benchmarks to count and check. */
export interface LoggedRequest<HostileKind extends string = string> {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly status: number | 'dropped'
  readonly fault?: Fault
  readonly requestBody?: unknown
  readonly responseBody?: unknown
  readonly contentType?: string
  readonly hostile?: HostileKind
  /** Bytes of a hostile answer written before the client stopped reading; set when the answer ends. */
  responseBytes?: number
}

/**
 * The emulator's own counters, for a benchmark running it in another process: not an API
 * endpoint, so outside auth, rate limit and the request log.
 */
export const STATS_PATH = '/_emulator/stats'

/** Answers the counters of `log`. */
export function answerStats(response: ServerResponse, log: readonly LoggedRequest[]): void {
  const faults = log.filter((entry) => entry.fault).length
  const rateLimited = log.filter((entry) => entry.status === 429).length
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ requests: log.length, faults, rateLimited }))
}
