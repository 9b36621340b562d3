import { setFlagsFromString } from 'node:v8'

/**
 * Keeps V8's young generation at its starting size (two semi-spaces of about 1 MB) instead of letting it double at
 * each scavenge that keeps much alive. A plan of 100,000 users keeps most of what it allocates, so on Node 24 the
 * young generation grew to 2 × 64 MB, a third of the plan's peak memory, for no gain in time (bench/results.md).
 * V8 reads this flag each time it would grow the young generation, so it takes effect set at start-up; the size flags
 * (`--max-semi-space-size`) are fixed when the heap is made and cannot be changed from inside the process.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1')
}
