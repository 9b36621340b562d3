import type { ApiRequest } from '../shared/api-server.js'
import type { DomainState } from './domain-state.js'

/**
 * The key of `Authorization: apikey <KEY>`. The scheme word is matched case-insensitively: the
 * vendor itself writes `apikey`, `Apikey` and `ApiKey` (wire facts §C O10).
 */
export function sentHeaderKey(authorization: string | undefined): string | undefined {
  return /^apikey\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
}

/** The API keys the emulator accepts, each belonging to a username of the domain. */
export class ApiKeys {
  private readonly owners: ReadonlyMap<string, string>

  constructor(
    keys: Iterable<readonly [key: string, username: string]>,
    private readonly state: DomainState,
  ) {
    this.owners = new Map(keys)
  }

  /**
   * The user whose key the request sent. A key in the Authorization header wins; without one,
   * the documented `?apikey=` query form is accepted too (the request log keeps the query, so a
   * test can assert a client never puts its key in a URL). A key stops working once its user has
   * been removed from the domain, as keys belong to a user.
   */
  userOf(request: ApiRequest): string | undefined {
    const key = sentHeaderKey(request.headers.authorization) ?? request.url.searchParams.get('apikey')
    const owner = key ? this.owners.get(key) : undefined
    return owner !== undefined && this.state.users.has(owner) ? owner : undefined
  }
}
