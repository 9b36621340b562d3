import type { TargetSettings, TargetType } from '../../core/model/entities.js'
import { TARGET_PROFILES } from '../../core/targets/profiles.js'
import { normalizeHost } from '../http/normalize-host.js'
import { UsageError } from '../usage-error.js'
import { createGoodDataCloudTarget } from './gooddata-cloud/create-gooddata-cloud-target.js'
import { createGoodDataPlatformTarget } from './gooddata-platform/create-gooddata-platform-target.js'
import { createOpendatasoftTarget } from './opendatasoft/create-opendatasoft-target.js'
import { readCredentials, type CredentialPart, type Credentials } from './read-credentials.js'
import type { Target } from './target.js'

/** How the HTTP client of any target behaves: requests in flight, and who hears of retries. */
export interface ClientSettings {
  readonly concurrency: number
  readonly onRetry?: (event: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void
}

/** A target type's adapter: where its host and credentials come from, and how to build it. */
export interface TargetAdapter {
  /** The variable that may name its host. */
  readonly hostEnv: string
  /** The ways to sign in, preferred first; each lists the parts that go together (never a flag, never a file). */
  readonly signIn: readonly (readonly CredentialPart[])[]
  /** What the credentials are, for messages: "an API token of the organization". */
  readonly credentialsAre: string
  /** `settings` is provisioning.yaml's target, for what the adapter needs of it (Opendatasoft: how users join). */
  create(options: { host: string; credentials: Credentials; settings: TargetSettings } & ClientSettings): Target
}

const TOKEN: CredentialPart = { key: 'token', env: 'GOODDATA_TOKEN', input: 'token' }

/** Every target this version can provision, by `target.type`: the one place a target is wired in. */
const ADAPTERS: Partial<Record<TargetType, TargetAdapter>> = {
  'gooddata-cloud': {
    hostEnv: 'GOODDATA_HOST',
    signIn: [[TOKEN]],
    credentialsAre: 'an API token of the organization',
    create: ({ host, credentials, concurrency, onRetry }) =>
      createGoodDataCloudTarget({ host, token: credentials['token']!, concurrency, ...(onRetry ? { onRetry } : {}) }),
  },
  opendatasoft: {
    hostEnv: 'ODS_HOST',
    signIn: [[{ key: 'apiKey', env: 'ODS_API_KEY', input: 'token' }]],
    credentialsAre: 'an API key of the domain with the edit_domain permission',
    create: ({ host, credentials, settings, concurrency, onRetry }) =>
      createOpendatasoftTarget({
        host,
        apiKey: credentials['apiKey']!,
        settings,
        concurrency,
        ...(onRetry ? { onRetry } : {}),
      }),
  },
  'gooddata-platform': {
    hostEnv: 'GDC_HOST',
    signIn: [
      [
        { key: 'username', env: 'GDC_USERNAME', input: 'username' },
        { key: 'password', env: 'GDC_PASSWORD', input: 'password' },
      ],
      [{ key: 'sst', env: 'GDC_SST', input: 'token' }],
    ],
    credentialsAre: 'the login and password of a domain admin, or their SST',
    create: ({ host, credentials, settings, concurrency, onRetry }) =>
      createGoodDataPlatformTarget({ host, credentials, settings, concurrency, ...(onRetry ? { onRetry } : {}) }),
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
 * `target.host`; the credentials from the target's variables only. A message names what to set.
 */
export function connectFromEnvironment(
  target: TargetSettings,
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
  const credentials = readCredentials(adapter, 'env', (part) => options.env[part.env])
  return adapter.create({
    host: normalized,
    credentials,
    settings: target,
    concurrency: options.concurrency,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  })
}
