import type { TargetSettings } from '../../../core/model/entities.js'
import { redactSecrets } from '../../secrets/redact-secrets.js'
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js'
import { normalizeHost } from '../../http/normalize-host.js'
import { UsageError } from '../../usage-error.js'
import type { UserCreation } from './batch-writes.js'
import { opendatasoftDialect } from './opendatasoft-dialect.js'
import { OpendatasoftTarget } from './opendatasoft-target.js'

/** The most characters of server text an error keeps, as the transport cuts what it reads itself. */
const MAX_PRINTED = 500

/** Where the domain is, its API key, provisioning.yaml's target settings, and how the HTTP client behaves. */
export type OpendatasoftTargetOptions = Omit<HttpClientOptions, 'host' | 'dialect'> & {
  readonly host: string
  readonly apiKey: string
  readonly settings: TargetSettings
  /** Smaller only in tests. */
  readonly pageSize?: number
  readonly maxPages?: number
}

/** An Opendatasoft domain at `host` (normalised; the scheme may be left out) with its own HTTP client. */
export function createOpendatasoftTarget(options: OpendatasoftTargetOptions): OpendatasoftTarget {
  const { apiKey, settings, pageSize, maxPages, ...transport } = options
  const host = normalizeHost(options.host)
  const createUsers = userCreation(settings)
  const printable = (text: string) => redactSecrets(text, [apiKey]).slice(0, MAX_PRINTED)
  const client = new HttpClient({ ...transport, host, dialect: opendatasoftDialect(apiKey) })
  return new OpendatasoftTarget(client, host, {
    createUsers,
    printable,
    ...(pageSize ? { pageSize } : {}),
    ...(maxPages ? { maxPages } : {}),
  })
}

/** Invite unless provisioning.yaml says provision, which needs the identity provider's uid (the loader checks it too). */
function userCreation(settings: TargetSettings): UserCreation {
  const ods = settings.opendatasoft
  if (ods?.createUsersBy !== 'provision') return { by: 'invite' }
  if (!ods.identityProvider) {
    throw new UsageError(
      'opendatasoft.create_users_by: provision needs opendatasoft.identity_provider, the uid of the identity provider new users sign in through',
    )
  }
  return { by: 'provision', identityProvider: ods.identityProvider }
}
