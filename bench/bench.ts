// npm run bench [-- --quick]: organizations of 1,000, 10,000 and 100,000 users against the emulator on
// loopback (20 ms latency, a rate limit), side by side with a model of gooddata-pipelines' request
// pattern, and against the lower bound the work itself sets. Writes bench/results.md and results.json.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { executePlan } from '../src/shell/apply/execute-plan.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import { HttpClient } from '../src/shell/http/http-client.js'
import { createGoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/create-gooddata-cloud-target.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { startEmulatorProcess } from './emulator-process.js'
import { generateOrganization } from './generate-organization.js'
import { generateProject, runGoodDataPlatform } from './gooddata-platform.js'
import { generateDomain, runOpendatasoft } from './opendatasoft.js'
import type { TargetRun } from './target-run.js'
import { replayPipelinesFullLoad } from './pipelines-model.js'

const quick = process.argv.includes('--quick')
const LATENCY_MS = 20
const RATE_LIMIT = 500
const sizes = quick ? [1_000] : [1_000, 10_000, 100_000]
const concurrencies = quick ? [1, 8] : [1, 4, 8, 16]
const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`
console.log(
  `bench${quick ? ' --quick' : ''} · ${machine} · Node ${process.version} · latency ${LATENCY_MS} ms · rate limit ${RATE_LIMIT}/s`,
)

interface ApplyRun {
  concurrency: number
  readRequests: number
  readSeconds: number
  applyRequests: number
  applySeconds: number
  changes: number
  boundSeconds: number
  timesBound: number
  failed: number
}
interface SizeResult {
  users: number
  groups: number
  changes: number
  validateMs: number
  diffMs: number
  renderMs: number
  planPeakMb: number
  runs: ApplyRun[]
  baseline: { requests: number; seconds: number }
}
const results: SizeResult[] = []

/** The work's own floor: every request waits the latency, `concurrency` at a time, and no faster than the rate limit. */
const lowerBound = (requests: number, concurrency: number) =>
  Math.max((requests * LATENCY_MS) / 1000 / concurrency, requests / RATE_LIMIT)

for (const users of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'upa-bench-'))
  try {
    const { seed } = generateOrganization(join(dir, 'config'), users)
    const seedFile = join(dir, 'seed.json')
    writeFileSync(seedFile, JSON.stringify(seed))
    const planOnly = JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'plan-once.ts'), join(dir, 'config'), seedFile],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      ),
    ) as { validateMs: number; diffMs: number; renderMs: number; changes: number; peakMb: number }
    const loaded = await readConfigTree(join(dir, 'config'), { cwd: dir })
    if (!loaded.ok) throw new Error('generated config is invalid')
    const desired = loaded.state
    const runs: ApplyRun[] = []
    for (const concurrency of concurrencies) {
      const emulator = await startEmulatorProcess({ latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT, seedFile })
      const target = createGoodDataCloudTarget({ host: emulator.url, token: DEFAULT_TOKEN, concurrency })
      try {
        let started = performance.now()
        const actual = await target.readState()
        const readSeconds = (performance.now() - started) / 1000
        const readRequests = (await emulator.stats()).requests
        const plan = computePlan(desired, actual)
        started = performance.now()
        const result = await executePlan(plan, target, { concurrency })
        const applySeconds = (performance.now() - started) / 1000
        const applyRequests = (await emulator.stats()).requests - readRequests
        const bound = lowerBound(readRequests + plan.changes.length, concurrency)
        runs.push({
          concurrency,
          readRequests,
          readSeconds,
          applyRequests,
          applySeconds,
          changes: plan.changes.length,
          boundSeconds: bound,
          timesBound: (readSeconds + applySeconds) / bound,
          failed: result.counts.failed + result.counts.skipped,
        })
        console.log(
          `  ${users.toLocaleString('en-US')} users, concurrency ${concurrency}: read ${readRequests} requests in ${readSeconds.toFixed(1)} s, apply ${plan.changes.length} changes in ${applyRequests} requests, ${applySeconds.toFixed(1)} s; ${((readSeconds + applySeconds) / bound).toFixed(2)}× the bound`,
        )
      } finally {
        await target.close()
        await emulator.close()
      }
    }
    const emulator = await startEmulatorProcess({ latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT, seedFile })
    const client = new HttpClient({ host: emulator.url, dialect: goodDataCloudDialect(DEFAULT_TOKEN), concurrency: 1 })
    const started = performance.now()
    await replayPipelinesFullLoad(client, desired)
    const baselineSeconds = (performance.now() - started) / 1000
    const baselineRequests = (await emulator.stats()).requests
    await client.close()
    await emulator.close()
    console.log(
      `  ${users.toLocaleString('en-US')} users, pipelines model: ${baselineRequests} requests, ${baselineSeconds.toFixed(1)} s`,
    )
    results.push({
      users,
      groups: desired.userGroups.length,
      changes: planOnly.changes,
      validateMs: planOnly.validateMs,
      diffMs: planOnly.diffMs,
      renderMs: planOnly.renderMs,
      planPeakMb: planOnly.peakMb,
      runs,
      baseline: { requests: baselineRequests, seconds: baselineSeconds },
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Opendatasoft and the legacy platform: the same latency and rate limit, batched against one request per change.
const TARGET_BENCHES = [
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
const targetResults: { key: string; title: string; users: number; runs: TargetRun[] }[] = []
for (const bench of TARGET_BENCHES) {
  const dir = mkdtempSync(join(tmpdir(), `upa-bench-${bench.key}-`))
  const runs: TargetRun[] = []
  try {
    const seedFile = join(dir, 'seed.json')
    writeFileSync(seedFile, JSON.stringify(bench.generate(join(dir, 'config'), bench.users)))
    for (const mode of ['batched', 'one request per change'] as const) {
      const run = await bench.run(dir, seedFile, mode, { latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT, concurrency: 8 })
      runs.push(run)
      console.log(
        `  ${bench.title} ${bench.users.toLocaleString('en-US')} users, ${mode}: ${run.changes} changes in ${run.applyRequests} requests (${(run.applyRequests / run.changes).toFixed(2)} per change), read ${run.readRequests}, ${run.seconds.toFixed(1)} s; ${(run.seconds / run.boundSeconds).toFixed(2)}× the bound`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  targetResults.push({ key: bench.key, title: bench.title, users: bench.users, runs })
}
const targetRows = targetResults.flatMap(({ title, users, runs }) =>
  runs.map(
    (run) =>
      `| ${title} | ${run.mode} | ${users.toLocaleString('en-US')} | ${run.changes.toLocaleString('en-US')} | ${run.readRequests} | ${run.applyRequests.toLocaleString('en-US')} | ${(run.applyRequests / run.changes).toFixed(2)} | ${run.seconds.toFixed(1)} s | ${run.boundSeconds.toFixed(1)} s (${(run.seconds / run.boundSeconds).toFixed(2)}×) | ${run.failed} |`,
  ),
)

const date = new Date().toISOString().slice(0, 10)
const rows: string[] = []
for (const size of results) {
  const c8 = size.runs.find((run) => run.concurrency === 8) ?? size.runs.at(-1)!
  const ours = c8.readRequests + c8.applyRequests
  rows.push(
    `| ${size.users.toLocaleString('en-US')} | ${size.changes.toLocaleString('en-US')} | ${(size.validateMs / 1000).toFixed(2)} s | ${size.diffMs.toFixed(0)} ms | ${size.renderMs.toFixed(0)} ms | ${size.planPeakMb.toFixed(0)} MB | ` +
      size.runs
        .map((run) => `${(run.readSeconds + run.applySeconds).toFixed(1)} s (${run.timesBound.toFixed(2)}×)`)
        .join(' | ') +
      ` | ${ours.toLocaleString('en-US')} | ${size.baseline.requests.toLocaleString('en-US')} / ${size.baseline.seconds.toFixed(1)} s | ${(size.baseline.requests / ours).toFixed(1)}× fewer, ${(size.baseline.seconds / (c8.readSeconds + c8.applySeconds)).toFixed(1)}× faster |`,
  )
}
const markdown = `# Benchmark results

${date} · ${machine} · Node ${process.version} · emulator on loopback with ${LATENCY_MS} ms latency per request and a rate limit of ${RATE_LIMIT} requests per second${quick ? ' · quick run' : ''}.

Organizations of N users and N/10 groups nested up to depth 4; 5% of users and groups differ between config and live state
(changed emails and names, users to create, users to delete). "Plan" is validate + diff + render in a process of its own, with its peak memory.
Each apply column is read + apply at that concurrency, and in brackets its multiple of the lower bound the work sets:
(read requests + changes) × latency ÷ concurrency, or requests ÷ rate limit when that is larger.
The baseline is a sequential replay of the request pattern gooddata-pipelines 1.73 sends for a user-groups full load and a users full load
(a model of that tool's requests, not the tool), against the same emulator and data; it is compared with our run at concurrency 8.

| users | changes | validate | diff | render | plan peak memory | ${concurrencies.map((c) => `apply, concurrency ${c}`).join(' | ')} | our requests (c=8) | pipelines model: requests / time | ours vs model |
|---:|---:|---:|---:|---:|---:|${concurrencies.map(() => '---:|').join('')}---:|---:|---|
${rows.join('\n')}

## Opendatasoft and the legacy GoodData Platform

Each 5% apart from its config as above, planned and applied at concurrency 8 against the target's emulator in a process of its own: with the
API's batch requests (Opendatasoft: invites in one request per 500 users, members in one request per group; the legacy platform: project
users in one request per 100, members in one request per group), and with every change on its own. Opendatasoft: a domain with N/10 groups
holding permissions (invites, memberships, email updates, leavers, group permissions). Legacy: a project with N/20 groups (role changes, users
to create in the domain and add to the project, leavers to disable). The bound is that run's own requests × latency ÷ concurrency (or ÷ rate limit).

| target | requests | users | changes | read requests | apply requests | requests per change | read + apply | bound (multiple) | failed |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${targetRows.join('\n')}
`
writeFileSync(join(import.meta.dirname, 'results.md'), markdown)
writeFileSync(
  join(import.meta.dirname, 'results.json'),
  `${JSON.stringify({ date, machine, node: process.version, latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT, quick, results, targets: targetResults }, null, 2)}\n`,
)
console.log(`\n${markdown}`)
