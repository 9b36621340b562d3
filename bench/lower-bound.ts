/** What the emulator in a benchmark run adds to every request, and how many it answers per second before 429. */
export interface Network {
  readonly latencyMs: number
  readonly rateLimit: number
}

/**
 * The floor the work itself sets: every request waits the latency, `concurrency` at a time, and
 * none goes faster than the rate limit. The emulators count requests in fixed one-second windows, so
 * a run may spend one window's budget at its end and the next one's at its start: N requests span at
 * least ceil(N / limit) windows, all but the first and the last of them whole. It leaves out chains
 * that must wait on each other (the profile before the organization, a group's create before its
 * members'), so small runs sit above it.
 */
export function lowerBoundSeconds(requests: number, network: Network, concurrency: number): number {
  const windows = Math.ceil(requests / network.rateLimit)
  return Math.max((requests * network.latencyMs) / 1000 / concurrency, Math.max(0, windows - 2))
}

/**
 * The same floor with the read's chain counted: the organization's request waits for the profile's answer (two round
 * trips, with the users' layout alongside), and the changes cannot start before the read is done. Still a floor: a
 * run cannot beat either term.
 */
export function chainedBoundSeconds(
  readRequests: number,
  changes: number,
  network: Network,
  concurrency: number,
): number {
  const readChain = (2 * network.latencyMs) / 1000
  return Math.max(
    lowerBoundSeconds(readRequests + changes, network, concurrency),
    readChain + lowerBoundSeconds(changes, network, concurrency),
  )
}
