import type { DesiredState } from '../src/core/model/entities.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { HttpClient } from '../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { startEmulatorProcess } from './emulator-process.js'
import { chainedBoundSeconds, lowerBoundSeconds, type Network } from './lower-bound.js'

/** One read, plan and apply of the organization 5% apart, on a fresh emulator, warmed first. */
export interface ApplyRun {
  readonly latencyMs: number
  readonly concurrency: number
  readonly readRequests: number
  readonly readSeconds: number
  readonly changes: number
  /** Requests the apply sent: one per change, and any retried after a 429. */
  readonly applyRequests: number
  readonly applySeconds: number
  /** (read requests + changes) at this latency, concurrency and rate limit. */
  readonly boundSeconds: number
  readonly timesBound: number
  /** The apply alone against the bound of its changes alone. */
  readonly applyTimesBound: number
  /** Read + apply against the bound with the read's chain counted (chainedBoundSeconds). */
  readonly timesChainedBound: number
  /** Answers that were 429 (HttpClient.rateLimitedAnswers), read and apply. */
  readonly rateLimited: number
  readonly failed: number
}

/** Reads, plans and applies `desired` against a fresh emulator seeded from `seedFile`. */
export async function runApply(
  seedFile: string,
  desired: DesiredState,
  network: Network,
  concurrency: number,
): Promise<ApplyRun> {
  const emulator = await startEmulatorProcess({ ...network, seedFile })
  const client = new HttpClient({ host: emulator.url, dialect: goodDataCloudDialect(DEFAULT_TOKEN), concurrency })
  const target = new GoodDataCloudTarget(client, emulator.url)
  try {
    // A server that has been up a while is warm: its first compiles are not the client's time.
    await emulator.warmUp()
    const warmUpRequests = (await emulator.stats()).requests
    let started = performance.now()
    const actual = await target.readState()
    const readSeconds = (performance.now() - started) / 1000
    const readRequests = (await emulator.stats()).requests - warmUpRequests
    const plan = computePlan(desired, actual, { profile: target.profile })
    started = performance.now()
    const result = await executePlan(plan, target, { concurrency })
    const applySeconds = (performance.now() - started) / 1000
    const applyRequests = (await emulator.stats()).requests - warmUpRequests - readRequests
    const changes = plan.changes.length
    const boundSeconds = lowerBoundSeconds(readRequests + changes, network, concurrency)
    return {
      latencyMs: network.latencyMs,
      concurrency,
      readRequests,
      readSeconds,
      changes,
      applyRequests,
      applySeconds,
      boundSeconds,
      timesBound: (readSeconds + applySeconds) / boundSeconds,
      applyTimesBound: applySeconds / lowerBoundSeconds(changes, network, concurrency),
      timesChainedBound:
        (readSeconds + applySeconds) / chainedBoundSeconds(readRequests, changes, network, concurrency),
      rateLimited: client.rateLimitedAnswers,
      failed: result.counts.failed + result.counts.skipped,
    }
  } finally {
    await target.close()
    await emulator.close()
  }
}
