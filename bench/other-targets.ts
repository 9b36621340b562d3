// The Opendatasoft and legacy GoodData Platform rows of `npm run bench`: each organization 5% apart
// from its config, planned and applied at concurrency 8, batched against one request per change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateProject, runGoodDataPlatform } from './gooddata-platform.js'
import type { Network } from './lower-bound.js'
import { generateDomain, runOpendatasoft } from './opendatasoft.js'
import type { TargetRun } from './target-run.js'

/** One target's runs, batched and one request per change. */
export interface TargetResult {
  readonly key: string
  readonly title: string
  readonly users: number
  readonly runs: TargetRun[]
}

/** Runs both targets at `network`, logging each run. */
export async function runOtherTargets(quick: boolean, network: Network): Promise<TargetResult[]> {
  const benches = [
    {
      key: 'opendatasoft',
      title: 'Opendatasoft',
      users: quick ? 1_000 : 10_000,
      generate: generateDomain,
      run: runOpendatasoft,
    },
    {
      key: 'gooddata-platform',
      title: 'legacy GoodData Platform',
      users: quick ? 500 : 2_000,
      generate: generateProject,
      run: runGoodDataPlatform,
    },
  ] as const
  const results: TargetResult[] = []
  for (const bench of benches) {
    const dir = mkdtempSync(join(tmpdir(), `upa-bench-${bench.key}-`))
    const runs: TargetRun[] = []
    try {
      const seedFile = join(dir, 'seed.json')
      writeFileSync(seedFile, JSON.stringify(bench.generate(join(dir, 'config'), bench.users)))
      for (const mode of ['batched', 'one request per change'] as const) {
        const run = await bench.run(dir, seedFile, mode, { ...network, concurrency: 8 })
        runs.push(run)
        console.log(
          `  ${bench.title} ${bench.users.toLocaleString('en-US')} users, ${mode}: ${run.changes} changes in ` +
            `${run.applyRequests} requests, read ${run.readRequests}, ${run.seconds.toFixed(1)} s; ` +
            `${(run.seconds / run.boundSeconds).toFixed(2)}× the bound`,
        )
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    results.push({ key: bench.key, title: bench.title, users: bench.users, runs })
  }
  return results
}
