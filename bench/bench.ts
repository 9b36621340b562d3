// npm run bench [-- --quick]: organizations of 1,000, 10,000 and 100,000 users against the GoodData emulator in a
// process of its own at 20 ms and 150 ms latency and a rate limit: plan CPU, a plan with no changes (both read paths,
// with and without permissions), apply at each concurrency, and a model of gooddata-pipelines' requests, each against
// the lower bound the work sets; then the Opendatasoft and legacy GoodData Platform targets. Writes bench/results.md
// and results.json.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import { type ApplyRun, runApply } from './apply-run.js'
import { generateOrganization, type OrganizationOptions } from './generate-organization.js'
import type { Network } from './lower-bound.js'
import { measureNoChangeReads, type NoChangeRead, type PermissionsReadRun } from './no-change-reads.js'
import { runOtherTargets } from './other-targets.js'
import { countModelRequests, type ModelRun, modelFloor, replayModel } from './pipelines-run.js'
import { actualFromSeed } from './actual-from-seed.js'
import type { BenchResults, PlanCpu, SizeResult } from './bench-results.js'
import { renderResults } from './render-results.js'

const quick = process.argv.includes('--quick')
const NEAR: Network = { latencyMs: 20, rateLimit: 500 }
const REMOTE: Network = { latencyMs: 150, rateLimit: 500 }
const sizes = quick ? [1_000] : [1_000, 10_000, 100_000]
const concurrencies = quick ? [1, 8] : [1, 4, 8, 16]
/** Replaying the model is sequential: at 150 ms, 10,000 users would take 5 minutes and 100,000 users 45. */
const modelReplayedUpTo = { [NEAR.latencyMs]: 10_000, [REMOTE.latencyMs]: 1_000 }
/** At 100,000 users the emulator spends about two minutes answering the userManagement lists: read them once. */
const listsReadAt = (users: number, network: Network) => users < 100_000 || network === REMOTE

const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`
console.log(
  `bench${quick ? ' --quick' : ''} · ${machine} · Node ${process.version} · latency ${NEAR.latencyMs} and ` +
    `${REMOTE.latencyMs} ms · rate limit ${NEAR.rateLimit}/s`,
)
const started = performance.now()
const loadAtStart = loadavg()[0]!
const elapsed = () => `[${((performance.now() - started) / 60_000).toFixed(1)} min]`

/** Writes an organization's config under `dir/name` and its live state next to it; answers both, the config read. */
async function prepare(dir: string, name: string, users: number, options: OrganizationOptions = {}) {
  const config = join(dir, name)
  const seedFile = join(dir, `${name}.seed.json`)
  const actualFile = join(dir, `${name}.actual.json`)
  const { seed } = generateOrganization(config, users, options)
  writeFileSync(seedFile, JSON.stringify(seed))
  writeFileSync(actualFile, JSON.stringify(actualFromSeed(seed)))
  const loaded = await readConfigTree(config, { cwd: dir })
  if (!loaded.ok) throw new Error(`the generated config ${name} is invalid: ${loaded.problems[0]?.message}`)
  return { config, seedFile, actualFile, desired: loaded.state }
}

/**
 * The plan as it ships: bench/plan-once.ts bundled with ncc, as dist/ is, so it runs on plain `node` (no TypeScript
 * loader in its time or memory).
 */
function bundlePlanOnce(dir: string): string {
  const out = join(dir, 'plan-once')
  execFileSync(
    'npx',
    ['ncc', 'build', join(import.meta.dirname, 'plan-once.ts'), '-o', out, '--target', 'es2022', '--quiet'],
    {
      stdio: 'inherit',
    },
  )
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  return join(out, 'index.js')
}

/** Runs of the plan per size: the machine is shared, so the median of several stands for it. */
const PLAN_RUNS = 5

/** Validate, diff and render, each run in a process of its own (so its peak memory is its own): the median run by total time. */
function measurePlanCpu(bundle: string, config: string, actualFile: string): PlanCpu & { changes: number } {
  const runs = Array.from({ length: PLAN_RUNS }, () => {
    const output = execFileSync(process.execPath, [bundle, config, actualFile], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    })
    return JSON.parse(output) as PlanCpu & { changes: number }
  })
  const total = (run: PlanCpu) => run.validateMs + run.diffMs + run.renderMs
  const sorted = [...runs].sort((a, b) => total(a) - total(b))
  const median = sorted[Math.floor(sorted.length / 2)]!
  // The same run with V8's defaults: what the flags the action and the CLI set (src/shell/v8-flags.ts) save.
  const defaults = execFileSync(process.execPath, [bundle, config, actualFile, '--v8-defaults'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  return {
    ...median,
    runs: runs.length,
    fastestMs: total(sorted[0]!),
    slowestMs: total(sorted.at(-1)!),
    peakMbV8Defaults: (JSON.parse(defaults) as PlanCpu).peakMb,
  }
}

async function benchSize(users: number, dir: string): Promise<SizeResult> {
  const at = `  ${users.toLocaleString('en-US')} users`
  const apart = await prepare(dir, 'apart', users)
  const { changes, ...plan } = measurePlanCpu(planBundle, apart.config, apart.actualFile)
  console.log(
    `${at}: plan CPU validate ${plan.validateMs.toFixed(0)} ms, diff ${plan.diffMs.toFixed(0)} ms, render ` +
      `${plan.renderMs.toFixed(0)} ms, peak ${plan.peakMb.toFixed(0)} MB (median of ${plan.runs}) ${elapsed()}`,
  )

  const plain = await prepare(dir, 'in-sync', users, { inSync: true })
  const declaring = await prepare(dir, 'in-sync-permissions', users, { inSync: true, permissions: true })
  const org = { users, seedFile: declaring.seedFile, plain: plain.desired, declaring: declaring.desired }
  const noChange: NoChangeRead[] = []
  const permissionReads: PermissionsReadRun[] = []
  for (const network of [NEAR, REMOTE]) {
    const measured = await measureNoChangeReads(org, network, { lists: listsReadAt(users, network) })
    noChange.push(...measured.reads)
    permissionReads.push(...measured.permissionReads)
    for (const read of measured.reads)
      console.log(
        `${at}, no-change plan at ${network.latencyMs} ms, ${read.path}${read.permissions ? ' + permissions' : ''}: ` +
          `${read.requests} requests, read ${read.seconds.toFixed(2)} s, ${read.changes} changes ${elapsed()}`,
      )
    for (const read of measured.permissionReads)
      console.log(
        `${at}, permissions by ${read.reader} at ${network.latencyMs} ms: ${read.requests} requests, ` +
          `${(read.bytes / 1e6).toFixed(1)} MB, ${read.seconds.toFixed(2)} s${read.same ? '' : ', NOT THE SAME'} ${elapsed()}`,
      )
  }

  const applies: ApplyRun[] = []
  const runs = [...concurrencies.map((c) => [NEAR, c] as const), [REMOTE, 8] as const]
  for (const [network, concurrency] of runs) {
    const run = await runApply(apart.seedFile, apart.desired, network, concurrency)
    applies.push(run)
    console.log(
      `${at}, apply at ${network.latencyMs} ms, concurrency ${concurrency}: read ${run.readRequests} requests ` +
        `${run.readSeconds.toFixed(1)} s, ${run.changes} changes in ${run.applyRequests} requests ` +
        `${run.applySeconds.toFixed(1)} s; ${run.timesBound.toFixed(2)}× the bound, ${run.rateLimited} × 429 ${elapsed()}`,
    )
  }

  const models: ModelRun[] = []
  for (const network of [NEAR, REMOTE]) {
    if (users <= modelReplayedUpTo[network.latencyMs]!) {
      models.push(await replayModel(apart.seedFile, apart.desired, network))
      continue
    }
    // The same requests whatever the latency: a replay's count serves, else one without latency counts them.
    const requests = models[0]?.requests ?? (await countModelRequests(apart.seedFile, apart.desired))
    models.push(modelFloor(requests, network.latencyMs))
  }
  for (const model of models)
    console.log(
      `${at}, pipelines model at ${model.latencyMs} ms: ${model.requests} requests, ` +
        `${model.measured ? '' : 'floor '}${model.seconds.toFixed(1)} s ${elapsed()}`,
    )
  const groups = apart.desired.userGroups.length
  return { users, groups, changes, plan, noChange, permissionReads, applies, models }
}

const bundleDir = mkdtempSync(join(tmpdir(), 'upa-bench-bundle-'))
const planBundle = bundlePlanOnce(bundleDir)
const sizeResults: SizeResult[] = []
for (const users of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'upa-bench-'))
  try {
    sizeResults.push(await benchSize(users, dir))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
rmSync(bundleDir, { recursive: true, force: true })
const targets = await runOtherTargets(quick, NEAR)

const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  machine,
  node: process.version,
  quick,
  near: NEAR,
  remote: REMOTE,
  concurrencies,
  sizes: sizeResults,
  targets,
  minutes: (performance.now() - started) / 60_000,
  loadAverage: { start: loadAtStart, end: loadavg()[0]! },
}
const markdown = renderResults(results)
writeFileSync(join(import.meta.dirname, 'results.md'), markdown)
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(`\n${markdown}`)
