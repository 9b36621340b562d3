/** What the emulator in a benchmark run adds to every request, and how many it answers per second before 429. */
export interface Network {
  readonly latencyMs: number
  readonly rateLimit: number
}

/**
 * The floor the work itself sets: every request waits the latency, `concurrency` at a time, and
 * none goes faster than the rate limit. It leaves out chains that must wait on each other (the
 * profile before the organization, a group's create before its members'), so small runs sit above it.
 */
export function lowerBoundSeconds(requests: number, network: Network, concurrency: number): number {
  return Math.max((requests * network.latencyMs) / 1000 / concurrency, requests / network.rateLimit)
}
