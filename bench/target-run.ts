import { join } from 'node:path'
import type { TargetSettings } from '../src/core/model/entities.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import type { Target } from '../src/shell/targets/target.js'
import { startEmulatorProcess } from './emulator-process.js'
import { lowerBoundSeconds, type Network } from './lower-bound.js'

/** One target's plan and apply against its emulator, batched or one request per change. */
export interface TargetRun {
  readonly mode: 'batched' | 'one request per change'
  readonly changes: number
  readonly readRequests: number
  readonly applyRequests: number
  readonly seconds: number
  readonly boundSeconds: number
  readonly failed: number
}

export interface RunOptions extends Network {
  readonly concurrency: number
}

/**
 * Plans and applies `dir/config` against a fresh emulator of `emulator` seeded from `seedFile`,
 * through the adapter `connect` builds: batched, or one request per change.
 */
export async function runTarget(
  dir: string,
  seedFile: string,
  mode: TargetRun['mode'],
  options: RunOptions,
  emulator: 'opendatasoft' | 'gooddata-platform',
  connect: (url: string, settings: TargetSettings, concurrency: number) => Target,
): Promise<TargetRun> {
  const loaded = await readConfigTree(join(dir, 'config'), { cwd: dir })
  if (!loaded.ok) throw new Error(`the generated config is invalid: ${loaded.problems[0]?.message}`)
  const server = await startEmulatorProcess({ ...options, seedFile, target: emulator })
  const adapter = connect(server.url, loaded.state.settings.target, options.concurrency)
  // Without its batch methods the executor sends every change on its own, as a tool without batching would.
  const target: Target =
    mode === 'batched'
      ? adapter
      : {
          description: adapter.description,
          host: adapter.host,
          profile: adapter.profile,
          readState: () => adapter.readState(),
          applyChange: (change, assigned) => adapter.applyChange(change, assigned),
          close: () => adapter.close(),
        }
  try {
    const started = performance.now()
    const actual = await target.readState()
    const readRequests = (await server.stats()).requests
    const plan = computePlan(loaded.state, actual, { profile: adapter.profile })
    const result = await executePlan(plan, target, { concurrency: options.concurrency })
    const seconds = (performance.now() - started) / 1000
    const requests = (await server.stats()).requests
    const boundSeconds = lowerBoundSeconds(requests, options, options.concurrency)
    return {
      mode,
      changes: plan.changes.length,
      readRequests,
      applyRequests: requests - readRequests,
      seconds,
      boundSeconds,
      failed: result.counts.failed + result.counts.skipped,
    }
  } finally {
    await target.close()
    await server.close()
  }
}
