import { applyAtEight, type BenchResults, type PlanCpu } from './bench-results.js'

const count = (n: number) => n.toLocaleString('en-US')
const time = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`)
const bytes = (b: number) => (b < 1e6 ? `${(b / 1e3).toFixed(0)} kB` : `${(b / 1e6).toFixed(1)} MB`)
const times = (x: number) => `${x.toFixed(2)}×`
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`
/** A markdown table; `align` has an l or r per column. */
const table = (head: readonly string[], align: string, rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row([...align].map((side) => (side === 'r' ? '---:' : '---'))), ...rows.map(row)].join('\n')
/** Values that should agree across runs, once; where they do not, each. */
const once = (values: readonly (string | number)[]) => [...new Set(values)].join(' / ')

const planTotal = (plan: PlanCpu) => plan.validateMs + plan.diffMs + plan.renderMs

export function planTable({ sizes }: BenchResults): string {
  const rows = sizes.map(({ users, changes, plan }) => [
    count(users),
    count(changes),
    `${plan.validateMs.toFixed(0)} ms`,
    `${plan.diffMs.toFixed(0)} ms`,
    `${plan.renderMs.toFixed(0)} ms`,
    `${time(planTotal(plan) / 1000)} (${time(plan.fastestMs / 1000)}–${time(plan.slowestMs / 1000)})`,
    time(plan.cpuMs / 1000),
    `${plan.peakMb.toFixed(0)} MB`,
    `${plan.peakMbV8Defaults.toFixed(0)} MB`,
  ])
  return table(
    [
      'users',
      'changes',
      'validate',
      'diff',
      'render',
      'total (fastest–slowest run)',
      "main thread's CPU",
      'peak memory',
      'peak with V8 defaults',
    ],
    'rrrrrrrrr',
    rows,
  )
}

export function noChangeTable({ sizes, near, remote }: BenchResults): string {
  const rows = sizes.flatMap((size) =>
    (['layout', 'entities'] as const).flatMap((path) =>
      [false, true].map((permissions) => {
        const runs = [near, remote].map((network) =>
          size.noChange.find(
            (read) => read.latencyMs === network.latencyMs && read.path === path && read.permissions === permissions,
          ),
        )
        const ran = runs.filter((run) => run !== undefined)
        return [
          count(size.users),
          path === 'layout' ? 'usersAndUserGroups layout' : 'paged entity lists',
          permissions ? 'the 2 permission layouts' : '–',
          once(ran.map((run) => count(run.requests))),
          once(ran.map((run) => bytes(run.bytes))),
          ...runs.flatMap((run) => (run ? [time(run.seconds), time(run.planSeconds)] : ['–', '–'])),
          once(ran.map((run) => run.changes)),
        ]
      }),
    ),
  )
  const [n, r] = [near, remote].map((network) => `${network.latencyMs} ms`)
  const head = ['users', 'users and groups from', 'permissions from', 'requests', 'answered']
  return table(
    [...head, `read, ${n}`, `read + diff, ${n}`, `read, ${r}`, `read + diff, ${r}`, 'changes'],
    'rllrrrrrrr',
    rows,
  )
}

export function permissionsTable({ sizes, near, remote }: BenchResults): string {
  const rows = sizes.flatMap((size) =>
    (['layouts', 'lists'] as const).map((reader) => {
      const runs = [near, remote].map((network) =>
        size.permissionReads.find((read) => read.latencyMs === network.latencyMs && read.reader === reader),
      )
      const ran = runs.filter((run) => run !== undefined)
      return [
        count(size.users),
        reader === 'layouts' ? 'workspaces + dataSources layouts (the adapter)' : 'userManagement lists + entity lists',
        once(ran.map((run) => count(run.requests))),
        once(ran.map((run) => bytes(run.bytes))),
        ...runs.map((run) => (run ? time(run.seconds) : 'not run')),
        ran.every((run) => run.same) ? 'yes' : '**no**',
      ]
    }),
  )
  const head = ['users', 'permissions from', 'requests', 'answered', `${near.latencyMs} ms`, `${remote.latencyMs} ms`]
  return table([...head, 'same'], 'rlrrrrl', rows)
}

export function applyTable({ sizes, near, concurrencies }: BenchResults): string {
  const rows = sizes.map((size) => {
    const runs = concurrencies.map((c) =>
      size.applies.find((run) => run.latencyMs === near.latencyMs && run.concurrency === c),
    )
    const eight = applyAtEight(size, near.latencyMs)
    return [
      count(size.users),
      count(size.changes),
      ...runs.map((run) => (run ? `${time(run.readSeconds + run.applySeconds)} (${times(run.timesBound)})` : '–')),
      eight ? `${time(eight.applySeconds)} (${times(eight.applyTimesBound)})` : '–',
      eight ? times(eight.timesChainedBound) : '–',
      runs.map((run) => run?.rateLimited ?? '–').join(' / '),
      runs.reduce((sum, run) => sum + (run?.failed ?? 0), 0),
    ]
  })
  const head = [
    'users',
    'changes',
    ...concurrencies.map((c) => `c=${c}`),
    'c=8, apply alone',
    'c=8 against the chained bound',
    '429 answers',
    'failed',
  ]
  return table(head, 'r'.repeat(head.length), rows)
}

export function modelTable({ sizes, near, remote }: BenchResults): string {
  const rows = sizes.flatMap((size) =>
    [near, remote].flatMap((network) => {
      const ours = applyAtEight(size, network.latencyMs)
      const model = size.models.find((run) => run.latencyMs === network.latencyMs)
      if (!ours || !model) return []
      const requests = ours.readRequests + ours.applyRequests
      const seconds = ours.readSeconds + ours.applySeconds
      const atLeast = model.measured ? '' : '≥ '
      return [
        [
          count(size.users),
          `${network.latencyMs} ms`,
          `${count(requests)} / ${time(seconds)}`,
          `${time(ours.boundSeconds)} (${times(ours.timesBound)})`,
          ours.rateLimited,
          `${count(model.requests)} / ${atLeast}${time(model.seconds)}${model.measured ? '' : ' (floor)'}`,
          `${(model.requests / requests).toFixed(1)}× fewer, ${atLeast}${(model.seconds / seconds).toFixed(1)}× faster`,
        ],
      ]
    }),
  )
  const head = ['users', 'latency', 'ours: requests / time', 'bound (multiple)', '429s', 'model: requests / time']
  return table([...head, 'ours against the model'], 'rrrrrrl', rows)
}

export function targetsTable({ targets }: BenchResults): string {
  const rows = targets.flatMap(({ title, users, runs }) =>
    runs.map((run) => [
      title,
      run.mode,
      count(users),
      count(run.changes),
      run.readRequests,
      count(run.applyRequests),
      (run.applyRequests / run.changes).toFixed(2),
      time(run.seconds),
      `${time(run.boundSeconds)} (${times(run.seconds / run.boundSeconds)})`,
      run.failed,
    ]),
  )
  const head = ['target', 'requests', 'users', 'changes', 'read requests', 'apply requests', 'requests per change']
  return table([...head, 'read + apply', 'bound (multiple)', 'failed'], 'llrrrrrrrr', rows)
}

/** What the speed issue asked, and whether this run meets it. */
export function issueTargets({ sizes, near, remote }: BenchResults): string {
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**')
  const largest = sizes.at(-1)
  const layoutReads = (largest?.noChange ?? []).filter((read) => read.path === 'layout')
  const fewest = layoutReads.every((read) => read.requests <= (read.permissions ? 5 : 3))
  const requestsOf = (permissions: boolean) =>
    once(layoutReads.filter((read) => read.permissions === permissions).map((read) => read.requests))
  const described = `${requestsOf(false)} requests, ${requestsOf(true)} with the permission layouts`
  const applies = sizes.map((size) => ({ users: size.users, run: applyAtEight(size, near.latencyMs) }))
  const speedups = sizes.map((size) => {
    const ours = applyAtEight(size, remote.latencyMs)
    const model = size.models.find((run) => run.latencyMs === remote.latencyMs)
    const speedup = ours && model ? model.seconds / (ours.readSeconds + ours.applySeconds) : 0
    return { users: size.users, atLeast: model?.measured ? '' : '≥ ', speedup }
  })
  const plan = largest?.plan
  return [
    `- Plan CPU (validate + diff + render) at ${count(largest?.users ?? 0)} users under 1 s and 300 MB: ` +
      `${plan ? `${time(planTotal(plan) / 1000)} (its main thread's CPU ${time(plan.cpuMs / 1000)}) and ${plan.peakMb.toFixed(0)} MB, the median of ${plan.runs} runs (${plan.peakMbV8Defaults.toFixed(0)} MB with V8's defaults)` : '–'} — ` +
      `${verdict(plan !== undefined && planTotal(plan) < 1000 && plan.peakMb < 300)}.`,
    `- A no-change plan at ${count(largest?.users ?? 0)} users in at most 3 requests (5 where the config declares ` +
      `permissions):\n  ${described} — ${verdict(layoutReads.length > 0 && fewest)}.`,
    `- Read + apply within 1.3× of the bound at concurrency 8 (${near.latencyMs} ms): ` +
      `${applies.map(({ users, run }) => `${count(users)}: ${run ? times(run.timesBound) : '–'}`).join(', ')} — ` +
      `${verdict(applies.every(({ run }) => run !== undefined && run.timesBound <= 1.3))}; the apply alone against ` +
      `its own bound: ${applies.map(({ run }) => (run ? times(run.applyTimesBound) : '–')).join(', ')}; read + apply ` +
      `against the bound with the read's two round trips counted: ` +
      `${applies.map(({ run }) => (run ? times(run.timesChainedBound) : '–')).join(', ')}.`,
    `- At least 10× faster than the gooddata-pipelines model at ${remote.latencyMs} ms: ` +
      `${speedups.map(({ users, atLeast, speedup }) => `${count(users)}: ${atLeast}${speedup.toFixed(1)}×`).join(', ')} — ` +
      `${verdict(speedups.every(({ speedup }) => speedup >= 10))}.`,
  ].join('\n')
}
