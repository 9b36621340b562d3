// npx tsx bench/apply-only.ts [--users N] [--runs N] [--concurrency N]: only the apply of the bench's
// organization (N users, 5% apart from the config) against the GoodData Cloud emulator in a process of
// its own, 20 ms latency, each run on a fresh emulator, warmed first; its wall time against the bound the work sets:
// apply requests × latency ÷ concurrency (or ÷ the rate limit, when that is larger).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import { HttpClient } from '../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { startEmulatorProcess } from './emulator-process.js'
import { generateOrganization } from './generate-organization.js'
import { lowerBoundSeconds, type Network } from './lower-bound.js'

const NETWORK: Network = { latencyMs: 20, rateLimit: 500 }
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at < 0 ? fallback : Number(process.argv[at + 1])
}
const users = flag('users', 1_000)
const runs = flag('runs', 5)
const concurrency = flag('concurrency', 8)

const dir = mkdtempSync(join(tmpdir(), 'upa-apply-'))
try {
  const { seed } = generateOrganization(join(dir, 'config'), users)
  const seedFile = join(dir, 'seed.json')
  writeFileSync(seedFile, JSON.stringify(seed))
  const loaded = await readConfigTree(join(dir, 'config'), { cwd: dir })
  if (!loaded.ok) throw new Error('the generated config is invalid')
  const multiples: number[] = []
  for (let run = 1; run <= runs; run++) {
    const emulator = await startEmulatorProcess({ ...NETWORK, seedFile })
    const client = new HttpClient({ host: emulator.url, dialect: goodDataCloudDialect(DEFAULT_TOKEN), concurrency })
    const target = new GoodDataCloudTarget(client, emulator.url)
    try {
      await emulator.warmUp()
      const plan = computePlan(loaded.state, await target.readState())
      const before = (await emulator.stats()).requests
      const started = performance.now()
      const result = await executePlan(plan, target, { concurrency })
      const seconds = (performance.now() - started) / 1000
      const requests = (await emulator.stats()).requests - before
      const bound = lowerBoundSeconds(requests, NETWORK, concurrency)
      multiples.push(seconds / bound)
      const { applied, failed, skipped } = result.counts
      console.log(
        `run ${run}: ${plan.changes.length} changes, ${requests} requests, ${(seconds * 1000).toFixed(0)} ms; bound ${(bound * 1000).toFixed(0)} ms → ${(seconds / bound).toFixed(2)}× · applied ${applied}, failed ${failed}, skipped ${skipped}, 429s ${client.rateLimitedAnswers}`,
      )
    } finally {
      await target.close()
      await emulator.close()
    }
  }
  const sorted = [...multiples].sort((a, b) => a - b)
  console.log(
    `apply of ${users.toLocaleString('en-US')} users at concurrency ${concurrency}, ${NETWORK.latencyMs} ms latency: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}× the bound (${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}×)`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
