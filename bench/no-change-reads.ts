// Part 1 of `npm run bench`, the pull-request case: an organization just as its config says, read
// through the adapter both ways (the usersAndUserGroups layout, the paged entity lists), with and
// without the permission layouts, then planned. And the permissions alone: the two layouts the
// adapter reads against the paged userManagement lists.
import type { DesiredState } from '../src/core/model/entities.js'
import { computePlan } from '../src/core/plan/compute-plan.js'
import type { HttpClient } from '../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { type PermissionsRead, readPermissionLayouts } from '../src/shell/targets/gooddata-cloud/permission-layouts.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { CountingHttpClient } from './counting-client.js'
import { startEmulatorProcess } from './emulator-process.js'
import type { Network } from './lower-bound.js'
import { readPermissionsByLists } from './read-permissions-by-lists.js'

/** The action's default: requests in flight at once. */
const CONCURRENCY = 8

/** An organization whose live state is what its config says, with its config twice: declaring permissions or not. */
export interface InSyncOrganization {
  readonly users: number
  readonly seedFile: string
  readonly plain: DesiredState
  /** Every tenth group declares the permissions it holds. */
  readonly declaring: DesiredState
}

/** What one read cost: requests the emulator answered (retries too), bytes it wrote, seconds. */
interface Cost {
  readonly requests: number
  readonly bytes: number
  readonly seconds: number
}

/** One read of the live state and the plan made from it. */
export interface NoChangeRead extends Cost {
  readonly users: number
  readonly latencyMs: number
  readonly path: 'layout' | 'entities'
  readonly permissions: boolean
  /** Read and diff: what the plan costs besides validating the config. */
  readonly planSeconds: number
  readonly changes: number
}

/** The permissions alone, read the adapter's way or the lists' way. */
export interface PermissionsReadRun extends Cost {
  readonly users: number
  readonly latencyMs: number
  readonly reader: 'layouts' | 'lists'
  /** Whether it read what the layouts read. */
  readonly same: boolean
}

/** Every read of part 1 against one emulator at this latency; the lists only when `lists`. */
export async function measureNoChangeReads(
  org: InSyncOrganization,
  network: Network,
  options: { readonly lists: boolean },
): Promise<{ reads: NoChangeRead[]; permissionReads: PermissionsReadRun[] }> {
  const emulator = await startEmulatorProcess({ ...network, seedFile: org.seedFile })
  const measure = async <T>(work: (client: HttpClient) => Promise<T>): Promise<Cost & { value: T }> => {
    const client = new CountingHttpClient({
      host: emulator.url,
      dialect: goodDataCloudDialect(DEFAULT_TOKEN),
      concurrency: CONCURRENCY,
    })
    try {
      const before = (await emulator.stats()).requests
      const started = performance.now()
      const value = await work(client)
      const seconds = (performance.now() - started) / 1000
      const requests = (await emulator.stats()).requests - before
      return { value, requests, bytes: client.answeredBytes(), seconds }
    } finally {
      await client.close()
    }
  }
  const at = { users: org.users, latencyMs: network.latencyMs }
  try {
    // Untimed, so that the first timed read does not pay for the emulator's first answers.
    await measure((client) => new GoodDataCloudTarget(client, emulator.url).readState({ permissions: true }))
    const reads: NoChangeRead[] = []
    for (const path of ['layout', 'entities'] as const) {
      for (const permissions of [false, true]) {
        const { value, ...cost } = await measure(async (client) => {
          const started = performance.now()
          const target = new GoodDataCloudTarget(client, emulator.url, path)
          const actual = await target.readState({ permissions })
          const readSeconds = (performance.now() - started) / 1000
          const plan = computePlan(permissions ? org.declaring : org.plain, actual, { profile: target.profile })
          return { readSeconds, changes: plan.changes.length }
        })
        const { readSeconds, changes } = value
        reads.push({ ...at, path, permissions, ...cost, seconds: readSeconds, planSeconds: cost.seconds, changes })
      }
    }
    const signal = new AbortController().signal
    const { value: layouts, ...layoutsCost } = await measure((client) => readPermissionLayouts(client, signal))
    const permissionReads: PermissionsReadRun[] = [{ ...at, reader: 'layouts', ...layoutsCost, same: true }]
    if (options.lists) {
      const { value: lists, ...listsCost } = await measure(readPermissionsByLists)
      permissionReads.push({ ...at, reader: 'lists', ...listsCost, same: samePermissions(layouts, lists) })
    }
    return { reads, permissionReads }
  } finally {
    await emulator.close()
  }
}

function samePermissions(a: PermissionsRead, b: PermissionsRead): boolean {
  const text = ({ scopes, users, userGroups }: PermissionsRead) =>
    JSON.stringify([scopes, [...users].sort(byKey), [...userGroups].sort(byKey)])
  return text(a) === text(b)
}

function byKey([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0
}
