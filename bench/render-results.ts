import type { BenchResults } from './bench-results.js'
import {
  applyTable,
  issueTargets,
  modelTable,
  noChangeTable,
  permissionsTable,
  planTable,
  targetsTable,
} from './results-tables.js'

/** results.md: one table per part of the benchmark, what each measures, and what the speed issue asked of it. */
export function renderResults(results: BenchResults): string {
  const { near, remote } = results
  const [n, r] = [near, remote].map((network) => `${network.latencyMs} ms`)
  return `# Benchmark results

${results.date} · ${results.machine} · Node ${results.node} · ${results.minutes.toFixed(1)} minutes · load average
${results.loadAverage.start.toFixed(1)} at the start, ${results.loadAverage.end.toFixed(1)} at the end${results.quick ? ' · quick run' : ''}.

The GoodData emulator runs on loopback in a process of its own and adds ${n} (a runner near the organization) or ${r}
(a runner in another region) to every answer, with a rate limit of ${near.rateLimit} requests per second: an answer
leaves that long after its request arrived, plus the work of that request alone (the emulator answers on one thread,
where a server answers concurrent requests in parallel). Loopback has no bandwidth limit: a runner far away also pays
for the bytes answered.

Organizations of N users and N/10 groups nested up to depth 4. Where a plan has changes, 5% of users and groups differ
between config and live state (changed emails and names, users to create, users to delete).

## What the speed issue asked

${issueTargets(results)}

## 1. Plan CPU

Validate + diff + render (the JSON output, the log's text, the job summary and the comment, as the action renders a
pull request's plan) of the organization 5% apart, as it ships (bench/plan-once.ts bundled with ncc, as dist/ is,
run on plain \`node\`), given the live state the adapter's read gives. Each run is a process of its own, from a cold
start, and its peak memory is the process's (maximum resident set, Node's own ~50 MB included); the machine is shared,
so each row is the median of ${results.sizes[0]?.plan.runs ?? 0} runs by total time, with the fastest and slowest, and
the CPU time of that run's main thread over the same work (\`process.threadCpuUsage\`), which leaves out the time the
machine gave to others but also the work GC and compiler threads did beside it. The action and the CLI set two V8
flags as they start (src/shell/v8-flags.ts: the young generation kept at its starting size, and baseline code from a
function's first call), and so does each run here; the last column is the peak of one more run with V8's defaults,
where the young generation grows to two semi-spaces of 64 MB under Node 24 in the 100,000-user run.

${planTable(results)}

## 2. A plan with no changes (the pull-request case)

The live state is what the config says. Each row is the adapter's read of the live state (\`readState\`, concurrency 8,
after one untimed read that warms the emulator) and then the diff: the requests the organization answered, the bytes of
its answers, and the time of the read and of read + diff; validating the config (table 1) comes before both. Where the
config declares permissions, every tenth group does: the organization has N/100 workspaces (at least 10) in a tree up to
4 deep and N/1,000 data sources (at least 2), and each such group holds ANALYZE and EXPORT on a workspace, VIEW on the
hierarchy above it and USE on a data source, just as declared.

${noChangeTable(results)}

### Permissions alone: the two layouts the adapter reads, against the paged lists

The alternative (bench/read-permissions-by-lists.ts) pages \`/api/v1/actions/userManagement/users\` and \`/userGroups\`
(500 a page: the description sets no maximum; its default is 20) for each user's and group's direct permissions, and the
workspace and data source entity lists for what those lists leave out: workspaces nobody holds a permission on, and each
workspace's parent, which hierarchy permissions need. "Same" says whether both read the same permissions and scopes.

${permissionsTable(results)}

The adapter reads the two layouts: two requests and one round trip whatever the size, against a request for every 500
users and groups, and fewer bytes, since the lists carry every user and group whether it holds a permission or not. The
lists' time is mostly the emulator's CPU, which scans every workspace for each user and group it lists (a real server
has indexes), so compare their requests and bytes; at 100,000 users they take minutes and are read once, at ${r}.

## 3. Apply at ${n}

Read + apply of the organization 5% apart at each concurrency, on a fresh emulator warmed first by another process (a
server that has been up a while is; bench/warm-up-emulator.ts), and in brackets its multiple of the lower bound the
work sets: (read requests + changes) × latency ÷ concurrency, or, when larger, the whole one-second windows the rate
limit makes them span (ceil(requests ÷ rate limit) − 2: a run may use one window's budget at its end and the next
one's at its start). That bound leaves out what has to wait on something else, which a small run cannot hide: the
organization's request needs the profile's answer, and no change can start before the read is done. "Chained bound" counts that chain too (two round
trips, then the changes' own bound; bench/lower-bound.ts). "Apply alone" is the apply against the bound of its changes
alone. The 429 answers are what the client counted (\`HttpClient.rateLimitedAnswers\`) at each concurrency in turn; the
emulator sends X-RateLimit headers with every answer, and the client paces itself by them.

${applyTable(results)}

## 4. Against the gooddata-pipelines request model

Ours is read + apply at concurrency 8: table 3's c=8 run at ${n}, and a run of its own at ${r}. The model is a
sequential replay of the requests gooddata-pipelines 1.73 sends for a user-groups full load and a users full load (a
model of that tool's requests, not the tool), against the same emulator and data. Where a replay would not fit the
run's time (at ${r}, 10,000 users would take about 5 minutes and 100,000 about 45) the model is not replayed: its
floor is its requests, counted by a replay without latency, × the latency. A replay takes longer than its floor, so
the floor favours the model.

${modelTable(results)}

## Opendatasoft and the legacy GoodData Platform

Each 5% apart from its config as above, planned and applied at concurrency 8 at ${n} against the target's emulator in a
process of its own: with the API's batch requests (Opendatasoft: invites in one request per 500 users, members in one
request per group; the legacy platform: project users in one request per 100, members in one request per group), and
with every change on its own. Opendatasoft: a domain with N/10 groups holding permissions (invites, memberships, email
updates, leavers, group permissions). Legacy: a project with N/20 groups (role changes, users to create in the domain
and add to the project, leavers to disable). The bound is that run's own requests × latency ÷ concurrency (or the rate
limit's whole windows, as in table 3).

${targetsTable(results)}
`
}
