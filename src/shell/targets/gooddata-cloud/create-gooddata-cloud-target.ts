import { HttpClient, type HttpClientOptions } from '../../http/http-client.js'
import { normalizeHost } from '../../http/normalize-host.js'
import { GoodDataCloudTarget } from './gooddata-cloud-target.js'

/** A GoodData Cloud / GoodData.CN target for `host` (normalised) with its own HTTP client. */
export function createGoodDataCloudTarget(options: Omit<HttpClientOptions, 'host'> & { readonly host: string }): GoodDataCloudTarget {
  const host = normalizeHost(options.host)
  return new GoodDataCloudTarget(new HttpClient({ ...options, host }), host)
}
