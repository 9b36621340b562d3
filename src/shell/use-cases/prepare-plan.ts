import { checkLiveReferences } from '../../core/plan/check-live-references.js'
import { checkPermissionScopes, declaresScopedPermissions } from '../../core/plan/plan-scoped-permissions.js'
import { resolveRoles } from '../../core/plan/resolve-roles.js'
import { computePlan } from '../../core/plan/compute-plan.js'
import type { Plan } from '../../core/plan/plan.js'
import type { DesiredState, LoadMode, ProvisioningSettings } from '../../core/model/entities.js'
import type { Problem } from '../../core/model/problem.js'
import { readConfigTree } from '../config/read-config-tree.js'
import type { Target } from '../targets/target.js'

export interface PrepareOptions {
  readonly config: string
  readonly cwd: string
  /** The config when the caller has loaded it already; read from `config` otherwise. */
  readonly desired?: DesiredState
  readonly load?: LoadMode
  /** Builds the target the config names, with the entry's host and credentials: the CLI's environment, the action's inputs. */
  readonly connect: (target: ProvisioningSettings['target']) => Target
}

export type Prepared =
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | {
      readonly kind: 'planned'
      readonly plan: Plan
      readonly desired: DesiredState
      readonly target: Target
      readonly host: string
    }

/** Config → checked desired state → live state → plan. Nothing is sent before the config is valid. */
export async function preparePlan(options: PrepareOptions): Promise<Prepared> {
  let desired = options.desired
  if (!desired) {
    const loaded = await readConfigTree(options.config, { cwd: options.cwd })
    if (!loaded.ok) return { kind: 'invalid', problems: loaded.problems }
    desired = loaded.state
  }
  const target = options.connect(desired.settings.target)
  try {
    // Permissions on workspaces and data sources are read only where the config manages some.
    const declared = [...desired.users, ...desired.userGroups]
    const actual = await target.readState({ permissions: declared.some(declaresScopedPermissions) })
    const load = options.load ?? desired.settings.load
    const problems = [
      ...resolveRoles(desired, actual).problems,
      ...(load === 'incremental' ? checkLiveReferences(desired, actual) : []),
      ...checkPermissionScopes(desired, actual),
    ]
    // What only the live target can tell wrong: a role the project lacks, a group an incremental load cannot find.
    if (problems.length > 0) {
      await target.close()
      return { kind: 'invalid', problems }
    }
    return {
      kind: 'planned',
      plan: computePlan(desired, actual, { load, profile: target.profile }),
      desired,
      target,
      host: target.host,
    }
  } catch (error) {
    await target.close()
    throw error
  }
}
