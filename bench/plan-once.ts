// Child of bench/bench.ts, bundled with ncc as dist/ is: validate, diff and render one organization, given its config
// folder and its live state as JSON (what the adapter's read gives the planner), printing times and its peak memory.
// In the order a plan runs (use-cases/prepare-plan.ts): the config is validated before the live state is read.
import { readFileSync } from 'node:fs'
import type { ActualState } from '../src/core/model/actual-state.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { renderPlanJson } from '../src/core/render/render-plan-json.js'
import { renderPlanComment, renderPlanMarkdown } from '../src/core/render/render-plan-markdown.js'
import { renderPlanText } from '../src/core/render/render-plan-text.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import { setV8Flags } from '../src/shell/v8-flags.js'

// As the action and the CLI start, unless the run is the one that shows what V8's defaults would take.
if (!process.argv.includes('--v8-defaults')) setV8Flags()

const [dir, actualFile] = process.argv.slice(2) as [string, string]
/** The CPU time of this thread alone, in ms (Node 24 has it; Node 20 does not). */
const threadCpuUsage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage
const threadCpuMs = () => {
  const used = threadCpuUsage?.call(process)
  return used ? (used.user + used.system) / 1000 : Number.NaN
}
let started = performance.now()
let cpuAtStart = threadCpuMs()
const loaded = await readConfigTree(dir, { cwd: process.cwd() })
const validateMs = performance.now() - started
if (!loaded.ok) throw new Error(`generated config is invalid: ${JSON.stringify(loaded.problems.slice(0, 3))}`)
// Stands in for the adapter's read, which is not timed here.
let cpuMs = threadCpuMs() - cpuAtStart
const actual = JSON.parse(readFileSync(actualFile, 'utf8')) as ActualState
started = performance.now()
cpuAtStart = threadCpuMs()
const plan = computePlan(loaded.state, actual)
const diffMs = performance.now() - started
started = performance.now()
// What the action renders for a pull request: the JSON output, the log's text, the job summary and the comment.
renderPlanJson(plan)
renderPlanText(plan, { config: 'bench', host: 'https://example.com' }, { color: false })
renderPlanMarkdown(plan, { config: 'bench', host: 'https://example.com' })
renderPlanComment(plan, { config: 'bench', host: 'https://example.com' })
const renderMs = performance.now() - started
cpuMs += threadCpuMs() - cpuAtStart
const peakMb = process.resourceUsage().maxRSS / 1024
process.stdout.write(
  `${JSON.stringify({ validateMs, diffMs, renderMs, cpuMs, changes: plan.changes.length, peakMb })}\n`,
)
