import type { TargetType } from '../../core/model/entities.js'
import { TARGET_PROFILES } from '../../core/targets/profiles.js'
import { normalizeHost } from '../http/normalize-host.js'
import { UsageError } from '../usage-error.js'
import { createGoodDataCloudTarget } from './gooddata-cloud/create-gooddata-cloud-target.js'
import type { Target } from './target.js'

/** How the HTTP client of any target behaves: requests in flight, and who hears of retries. */
export interface ClientSettings {
  readonly concurrency: number
  readonly onRetry?: (event: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
}

/** A target type's adapter: the names of its settings in the environment, and how to build it. */
interface TargetAdapter {
  /** The variable that holds its secret (never a flag, never a file). */
  readonly secretEnv: string
  /** The variable that may name its host. */
  readonly hostEnv: string
  create(options: { host: string; secret: string } & ClientSettings): Target
}

/** Every target this version can provision, by `target.type`: the one place a target is wired in. */
const ADAPTERS: Partial<Record<TargetType, TargetAdapter>> = {
  'gooddata-cloud': {
    secretEnv: 'GOODDATA_TOKEN',
    hostEnv: 'GOODDATA_HOST',
    create: ({ host, secret, concurrency, onRetry }) => createGoodDataCloudTarget({ host, token: secret, concurrency, ...(onRetry ? { onRetry } : {}) }),
  },
}

/** The adapter of a target type, or a UsageError that says which types this version provisions. */
export function adapterFor(type: TargetType): TargetAdapter {
  const adapter = ADAPTERS[type]
  if (adapter) return adapter
  const built = Object.keys(ADAPTERS).map((name) => `${name} (${TARGET_PROFILES[name as TargetType].name})`)
  throw new UsageError(`target type ${type} is not supported yet; this version provisions ${built.join(', ')}`)
}

/**
 * The CLI's way to a target: the host from `--host`, else the target's host variable, else
 * `target.host`; the secret from the target's variable only. A message names what to set.
 */
export function connectFromEnvironment(
  target: { readonly type: TargetType; readonly host?: string },
  options: {
    readonly host?: string
    readonly env: Readonly<Record<string, string | undefined>>
    /** False where no config is read (export), so the message does not point at one. */
    readonly fromConfig?: boolean
  } & ClientSettings,
): Target {
  const adapter = adapterFor(target.type)
  const host = options.host ?? options.env[adapter.hostEnv] ?? target.host
  if (!host) {
    const orConfig = options.fromConfig === false ? '' : ', or set target.host in provisioning.yaml'
    throw new UsageError(`no host: pass --host URL${orConfig ? ',' : ' or'} set ${adapter.hostEnv}${orConfig}`)
  }
  const normalized = normalizeHost(host)
  const secret = options.env[adapter.secretEnv]
  if (!secret) throw new UsageError(`no token: set ${adapter.secretEnv} to an API token of the organization (never pass it on the command line)`)
  return adapter.create({ host: normalized, secret, concurrency: options.concurrency, ...(options.onRetry ? { onRetry: options.onRetry } : {}) })
}
