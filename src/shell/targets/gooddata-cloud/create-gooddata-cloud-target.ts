import { HttpClient, type HttpClientOptions } from '../../http/http-client.js'
import { normalizeHost } from '../../http/normalize-host.js'
import { goodDataCloudDialect } from './gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from './gooddata-cloud-target.js'

/** Where the target is, the API token, and how its HTTP client behaves. */
export type GoodDataCloudTargetOptions = Omit<HttpClientOptions, 'host' | 'dialect'> & {
  readonly host: string
  readonly token: string
  /** How users and groups are read (the benchmark compares both); by default the layout. */
  readonly readPath?: 'layout' | 'entities'
}

/** A GoodData Cloud / GoodData.CN target for `host` (normalised) with its own HTTP client. */
export function createGoodDataCloudTarget(options: GoodDataCloudTargetOptions): GoodDataCloudTarget {
  const { token, readPath, ...transport } = options
  const host = normalizeHost(options.host)
  const client = new HttpClient({ ...transport, host, dialect: goodDataCloudDialect(token) })
  return new GoodDataCloudTarget(client, host, readPath)
}
