import type { IncomingHttpHeaders } from 'node:http'

/** The token after `Bearer ` in the Authorization header, or '' when there is none. */
export function sentBearerToken(headers: IncomingHttpHeaders): string {
  return /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? ''
}

/** The tokens the emulator accepts, each belonging to a user id. */
export class BearerTokens {
  private readonly users: ReadonlyMap<string, string>

  constructor(tokens: Iterable<readonly [token: string, user: string]>) {
    this.users = new Map(tokens)
  }

  /** The user whose token the request sent, if the emulator knows it. */
  userOf(headers: IncomingHttpHeaders): string | undefined {
    return this.users.get(sentBearerToken(headers))
  }
}
