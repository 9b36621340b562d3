// Child of bench/bench.ts: validate, diff and render one organization, printing times and its own peak memory.
import { readFileSync } from 'node:fs'
import type { ActualState } from '../src/core/model/actual-state.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import { renderPlanJson } from '../src/core/render/render-plan-json.js'
import { renderPlanComment, renderPlanMarkdown } from '../src/core/render/render-plan-markdown.js'
import { readConfigTree } from '../src/shell/config/read-config-tree.js'
import type { OrganizationSeed } from '../test/emulators/gooddata-cloud/organization-state.js'

const [dir, seedFile] = process.argv.slice(2) as [string, string]
const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Required<OrganizationSeed>
const actual: ActualState = {
  users: seed.users.map((user) => ({
    id: user.id,
    ...(user.attributes.firstname ? { firstname: user.attributes.firstname } : {}),
    ...(user.attributes.lastname ? { lastname: user.attributes.lastname } : {}),
    ...(user.attributes.email ? { email: user.attributes.email } : {}),
    userGroups: [...user.userGroups].sort(),
    unmanaged: {},
  })),
  userGroups: seed.userGroups.map((group) => ({
    id: group.id,
    ...(group.attributes.name ? { name: group.attributes.name } : {}),
    parents: [...group.parents].sort(),
  })),
  protectedIds: [
    { kind: 'user', id: 'admin', reason: "the token's own user" },
    { kind: 'userGroup', id: 'adminGroup', reason: "the organization's bootstrap group" },
  ],
}
let started = performance.now()
const loaded = await readConfigTree(dir, { cwd: process.cwd() })
const validateMs = performance.now() - started
if (!loaded.ok) throw new Error(`generated config is invalid: ${JSON.stringify(loaded.problems.slice(0, 3))}`)
started = performance.now()
const plan = computePlan(loaded.state, actual)
const diffMs = performance.now() - started
started = performance.now()
renderPlanJson(plan)
renderPlanMarkdown(plan, { config: 'bench', host: 'https://example.com' })
renderPlanComment(plan, { config: 'bench', host: 'https://example.com' })
const renderMs = performance.now() - started
process.stdout.write(
  `${JSON.stringify({ validateMs, diffMs, renderMs, changes: plan.changes.length, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`,
)
