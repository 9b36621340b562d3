import { posix } from 'node:path'
import { loadConfig } from '../../core/config/load-config.js'
import { checkHost } from '../../core/model/host.js'
import type { ProvisioningSettings, TargetType } from '../../core/model/entities.js'
import { formatProblem } from '../../core/model/problem.js'
import type { ActionContext } from './action-context.js'
import { isPullRequestEvent } from './github-event.js'

type DeclaredTarget = ProvisioningSettings['target']

/** Where this run may send the token, and what a reviewer must be told; or why it may send it nowhere. */
export type TrustedTarget =
  | {
      readonly ok: true
      readonly host: string
      readonly type: TargetType
      /** The pull request names another target than the trusted one: the plan ran against `from`. */
      readonly moved?: { readonly from: string; readonly to: string }
    }
  | { readonly ok: false; readonly reason: string }

const SET_HOST_INPUT = "set the action's host input to the organization's URL"

/**
 * The target this run may send the token to. A pull request's config is written by whoever opened
 * it and is read before anyone reviews it, so on pull requests the host comes from the `host` input,
 * else from provisioning.yaml as it is on the base commit (read through the contents API, never
 * from the checked-out tree). Pushes, schedules and dispatches run on trusted refs: input, else config.
 */
export async function chooseTrustedTarget(context: ActionContext, declared: DeclaredTarget): Promise<TrustedTarget> {
  const { inputs, event } = context
  if (inputs.host !== undefined) return fromHost(inputs.host, declared.type, 'input host')
  if (!isPullRequestEvent(event) || !event.pullRequest) {
    if (declared.host === undefined)
      return { ok: false, reason: `no host: ${SET_HOST_INPUT}, or set target.host in provisioning.yaml` }
    return fromHost(declared.host, declared.type, 'target.host')
  }
  const baseSha = event.pullRequest.baseSha
  const base = await readBaseTarget(context, baseSha)
  if (!base.ok) return base
  if (base.target.host === undefined) {
    return {
      ok: false,
      reason: `no trusted host for this pull request: provisioning.yaml on the base commit ${baseSha.slice(0, 12)} names no target.host, and the pull request's own provisioning.yaml cannot choose where the token goes; ${SET_HOST_INPUT}`,
    }
  }
  const trusted = fromHost(base.target.host, base.target.type, `target.host on the base commit ${baseSha.slice(0, 12)}`)
  if (!trusted.ok) return trusted
  const proposedHost = declared.host === undefined ? undefined : checkHost(declared.host)
  const proposed = proposedHost === undefined ? '(no host)' : proposedHost.ok ? proposedHost.origin : declared.host!
  if (proposed === trusted.host && declared.type === trusted.type) return trusted
  const describe = (host: string, type: TargetType) => (declared.type === trusted.type ? host : `${type} ${host}`)
  return { ...trusted, moved: { from: describe(trusted.host, trusted.type), to: describe(proposed, declared.type) } }
}

function fromHost(host: string, type: TargetType, what: string): TrustedTarget {
  const checked = checkHost(host)
  return checked.ok ? { ok: true, host: checked.origin, type } : { ok: false, reason: `${what}: ${checked.reason}` }
}

async function readBaseTarget(
  context: ActionContext,
  baseSha: string,
): Promise<{ ok: true; target: DeclaredTarget } | { ok: false; reason: string }> {
  const folder = posix.normalize(context.inputs.config.replaceAll('\\', '/')).replace(/\/+$/, '')
  if (!context.github || !baseSha || folder.startsWith('../') || folder === '..' || posix.isAbsolute(folder)) {
    const why = !context.github
      ? 'reading it needs the github-token input'
      : !baseSha
        ? 'the event names no base commit'
        : 'the config folder is outside the repository'
    return {
      ok: false,
      reason: `no trusted host for this pull request: the host comes from the host input or from provisioning.yaml on the base commit, and ${why}; ${SET_HOST_INPUT}`,
    }
  }
  for (const name of ['provisioning.yaml', 'provisioning.yml']) {
    const path = folder === '.' ? name : `${folder}/${name}`
    let text: string | undefined
    try {
      text = await context.github.readFileAt(path, baseSha)
    } catch (error) {
      return {
        ok: false,
        reason: `could not read ${path} on the base commit ${baseSha.slice(0, 12)} (${error instanceof Error ? error.message : String(error)}); ${SET_HOST_INPUT}`,
      }
    }
    if (text === undefined) continue
    const loaded = loadConfig([
      { relativePath: name, path: `${path}@${baseSha.slice(0, 12)}`, bytes: Buffer.from(text) },
    ])
    if (!loaded.ok) {
      return {
        ok: false,
        reason: `provisioning.yaml on the base commit is invalid (${formatProblem(loaded.problems[0]!)}), so it names no trusted host; ${SET_HOST_INPUT}`,
      }
    }
    return { ok: true, target: loaded.state.settings.target }
  }
  return { ok: true, target: { type: 'gooddata-cloud' } }
}
