import type { IncomingHttpHeaders } from 'node:http'
import type { RouteAnswer } from '../shared/route-answer.js'
import {
  badCredentials,
  invalidSuperSecuredToken,
  malformed,
  PLAIN_JSON,
  UNVERIFIED_CLASS,
  webappError,
} from './answer-format.js'
import { profileUri } from './documents.js'
import type { PlatformState } from './platform-state.js'

/** One header's value; Node joins repeated headers, which these clients never send. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Login, the temporary token, logout and the current profile (wire facts §A1, §A3). */
export class AuthRoutes {
  constructor(private readonly state: PlatformState) {}

  /**
   * `verify_level` 1 or 2 answers the tokens in headers, as recorded; 0 or none is the cookie mode,
   * which is not emulated (wire facts §C G13): the login succeeds but answers no token, so a
   * header-mode client that forgot `verify_level: 2` fails here as it would on the platform.
   */
  login(body: unknown): RouteAnswer {
    const login = (body as { postUserLogin?: Record<string, unknown> } | undefined)?.postUserLogin
    if (
      !login ||
      typeof login !== 'object' ||
      typeof login['login'] !== 'string' ||
      typeof login['password'] !== 'string'
    ) {
      return malformed('Expected {"postUserLogin": {"login", "password", "remember", "verify_level"}}.')
    }
    const profile = this.state.profileByLogin(login['login'])
    if (!profile || profile.password === undefined || profile.password !== login['password']) return badCredentials()
    const self = profileUri(profile.id)
    const state = `/gdc/account/login/${profile.id}`
    const headerMode = login['verify_level'] === 1 || login['verify_level'] === 2
    if (!headerMode) return { status: 200, body: { userLogin: { profile: self, state } } }
    const { sst, tt } = this.state.sessions.open(profile.id)
    return {
      status: 200,
      body: { userLogin: { profile: self, state, token: sst } },
      headers: { 'x-gdc-authsst': sst, 'x-gdc-authtt': tt },
    }
  }

  /** A new TT for a live SST, in the body and in a header (auth_login_token_logout.yaml). */
  token(headers: IncomingHttpHeaders): RouteAnswer {
    const session = this.state.sessions.sessionOf(headerValue(headers, 'x-gdc-authsst'))
    if (!session) return invalidSuperSecuredToken()
    const tt = this.state.sessions.issueTemporaryToken(session)
    return { status: 200, body: { userToken: { token: tt } }, contentType: PLAIN_JSON, headers: { 'x-gdc-authtt': tt } }
  }

  /**
   * 204 and the session of the TT is over, its SST and every TT made from it (wire facts §A1.4);
   * the SST the client sends with it names the same session.
   * Logging out another user's session was never recorded: refused, with our own code.
   */
  logout(profileId: string, caller: string, headers: IncomingHttpHeaders): RouteAnswer {
    if (profileId !== caller)
      return webappError(403, UNVERIFIED_CLASS, 'Only the session of the user itself can be logged out.')
    const sessions = this.state.sessions
    const own = sessions.sessionHolding(headerValue(headers, 'x-gdc-authtt'))
    if (own) sessions.close(own)
    return { status: 204 }
  }

  /** 307 to the caller's own profile, no body (profile_current_redirect.yaml). */
  currentProfile(caller: string): RouteAnswer {
    return { status: 307, headers: { location: profileUri(caller) } }
  }
}
