import type { TargetSettings } from '../../../core/model/entities.js'
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js'
import { normalizeHost } from '../../http/normalize-host.js'
import { redactSecrets } from '../../secrets/redact-secrets.js'
import { UsageError } from '../../usage-error.js'
import type { Credentials } from '../read-credentials.js'
import { goodDataPlatformDialect } from './gooddata-platform-dialect.js'
import { GoodDataPlatformSession, type PlatformCredentials } from './gooddata-platform-session.js'
import { GoodDataPlatformTarget } from './gooddata-platform-target.js'

/** The most characters of server text an error keeps, as the transport cuts what it reads itself. */
const MAX_PRINTED = 500

/** Where the platform is, who signs in, provisioning.yaml's target settings, and how the HTTP client behaves. */
export type GoodDataPlatformTargetOptions = Omit<HttpClientOptions, 'host' | 'dialect'> & {
  readonly host: string
  /** `username` and `password`, or `sst` (connect-target's parts). */
  readonly credentials: Credentials | PlatformCredentials
  readonly settings: TargetSettings
  /** Smaller only in tests. */
  readonly pageSize?: number
  readonly maxPages?: number
}

/**
 * A project of the legacy GoodData Platform at `host` (normalised), with its own HTTP client and
 * a session that logs in on the first request. Nothing is sent before then.
 */
export function createGoodDataPlatformTarget(options: GoodDataPlatformTargetOptions): GoodDataPlatformTarget {
  const { credentials, settings, pageSize, maxPages, ...transport } = options
  const platform = settings.gooddataPlatform
  if (!platform?.domain || !platform.project) {
    throw new UsageError(
      'the legacy GoodData Platform needs target.domain (the user domain) and target.project (the project id) in provisioning.yaml',
    )
  }
  const host = normalizeHost(options.host)
  const session = new GoodDataPlatformSession(platformCredentials(credentials), { ...transport, host })
  const client = new HttpClient({ ...transport, host, dialect: goodDataPlatformDialect(session) })
  const printable = (text: string) => redactSecrets(text, session.secrets()).slice(0, MAX_PRINTED)
  return new GoodDataPlatformTarget(client, host, session, {
    platform,
    printable,
    ...(pageSize ? { pageSize } : {}),
    ...(maxPages ? { maxPages } : {}),
  })
}

/** An SST when given (the `token` input), else the login and password. */
function platformCredentials(credentials: Credentials | PlatformCredentials): PlatformCredentials {
  const parts = credentials as Readonly<Record<string, string | undefined>>
  if (parts['sst']) return { sst: parts['sst'] }
  if (parts['username'] && parts['password']) return { username: parts['username'], password: parts['password'] }
  throw new UsageError('the legacy GoodData Platform needs the login and password of a domain admin, or their SST')
}
