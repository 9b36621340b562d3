import type { DesiredState } from '../src/core/model/entities.js'
import { HttpClient } from '../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { startEmulatorProcess } from './emulator-process.js'
import type { Network } from './lower-bound.js'
import { replayPipelinesFullLoad } from './pipelines-model.js'

/** The gooddata-pipelines model at one latency: replayed, or where that takes too long, its floor. */
export interface ModelRun {
  readonly latencyMs: number
  readonly requests: number
  readonly seconds: number
  /** False: `seconds` is requests × latency, less than a replay takes (it leaves out every moment but the wait). */
  readonly measured: boolean
}

/** Replays the model, one request at a time as the tool sends them, against a fresh emulator warmed first, as ours is. */
export async function replayModel(seedFile: string, desired: DesiredState, network: Network): Promise<ModelRun> {
  const emulator = await startEmulatorProcess({ ...network, seedFile })
  const client = new HttpClient({ host: emulator.url, dialect: goodDataCloudDialect(DEFAULT_TOKEN), concurrency: 1 })
  try {
    if (network.latencyMs > 0) await emulator.warmUp()
    const started = performance.now()
    const requests = await replayPipelinesFullLoad(client, desired)
    return { latencyMs: network.latencyMs, requests, seconds: (performance.now() - started) / 1000, measured: true }
  } finally {
    await client.close()
    await emulator.close()
  }
}

/** The model's requests, counted by a replay with no latency and no rate limit to speak of. */
export async function countModelRequests(seedFile: string, desired: DesiredState): Promise<number> {
  return (await replayModel(seedFile, desired, { latencyMs: 0, rateLimit: 1_000_000 })).requests
}

/** The model's floor at `latencyMs`: every one of its requests waits the latency, one after another. */
export function modelFloor(requests: number, latencyMs: number): ModelRun {
  return { latencyMs, requests, seconds: (requests * latencyMs) / 1000, measured: false }
}
