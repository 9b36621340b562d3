import { checkLiveReferences } from '../../core/plan/check-live-references.js'
import { computePlan } from '../../core/plan/compute-plan.js'
import type { Plan } from '../../core/plan/plan.js'
import type { DesiredState, LoadMode } from '../../core/model/entities.js'
import type { Problem } from '../../core/model/problem.js'
import { readConfigTree } from '../config/read-config-tree.js'
import { normalizeHost } from '../http/normalize-host.js'
import type { Target } from '../targets/target.js'
import { UsageError } from '../usage-error.js'

export interface PrepareOptions {
  readonly config: string
  readonly cwd: string
  /** The config when the caller has loaded it already; read from `config` otherwise. */
  readonly desired?: DesiredState
  /** From the command line or the action input; wins over the environment and provisioning.yaml. */
  readonly host?: string
  /** GOODDATA_HOST. */
  readonly envHost?: string
  readonly token?: string
  readonly load?: LoadMode
  readonly createTarget: (settings: { host: string; token: string }) => Target
}

export type Prepared =
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | { readonly kind: 'planned'; readonly plan: Plan; readonly desired: DesiredState; readonly target: Target; readonly host: string }

/** Config → checked desired state → live state → plan. Nothing is sent before the config is valid. */
export async function preparePlan(options: PrepareOptions): Promise<Prepared> {
  let desired = options.desired
  if (!desired) {
    const loaded = await readConfigTree(options.config, { cwd: options.cwd })
    if (!loaded.ok) return { kind: 'invalid', problems: loaded.problems }
    desired = loaded.state
  }
  if (desired.settings.target.type !== 'gooddata-cloud') {
    throw new UsageError(`target type ${desired.settings.target.type} is not supported yet; this version provisions gooddata-cloud (GoodData Cloud and GoodData.CN)`)
  }
  const rawHost = options.host ?? options.envHost ?? desired.settings.target.host
  if (!rawHost) throw new UsageError('no host: pass --host URL, set GOODDATA_HOST, or set target.host in provisioning.yaml')
  const host = normalizeHost(rawHost)
  if (!options.token) throw new UsageError('no token: set GOODDATA_TOKEN to an API token of the organization (never pass it on the command line)')
  const target = options.createTarget({ host, token: options.token })
  try {
    const actual = await target.readState()
    const load = options.load ?? desired.settings.load
    if (load === 'incremental') {
      const problems = checkLiveReferences(desired, actual)
      if (problems.length > 0) {
        await target.close()
        return { kind: 'invalid', problems }
      }
    }
    return { kind: 'planned', plan: computePlan(desired, actual, { load }), desired, target, host }
  } catch (error) {
    await target.close()
    throw error
  }
}
