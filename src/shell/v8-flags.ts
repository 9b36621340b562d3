import { setFlagsFromString } from 'node:v8'

/**
 * V8 settings for a run that reads a config, plans and exits, set first thing by the action and the CLI. Each was
 * measured on the plan of 100,000 users (npm run bench, bench/results.md). Both flags are read by V8 as it goes, so
 * they take effect set from inside the process (the heap's size flags, such as `--max-semi-space-size`, are fixed when
 * the heap is made and cannot be).
 *
 * - `--semi-space-growth-factor=1` keeps the young generation at its starting size (two semi-spaces of about 1 MB).
 *   A plan keeps most of what it allocates, so V8 would double the young generation at each scavenge up to 2 × 64 MB
 *   under Node 24: a third of the plan's peak memory, for no gain in time.
 * - `--always-sparkplug` compiles each function to baseline code on its first call instead of interpreting it until
 *   it has run often: a run is short, most of its code runs hot for a second and then never again, and the plan of
 *   100,000 users took about a tenth less time (no change at 1,000 users).
 */
export function setV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag)
}

/** The flags setV8Flags sets; each must be one this Node's V8 knows, or V8 prints an error on standard error. */
export const V8_FLAGS = ['--semi-space-growth-factor=1', '--always-sparkplug'] as const
