import { ApiError } from '../../http/api-error.js'
import { checkedBody, fieldProblem, isJsonObject, objectBodyProblem } from '../../http/checked-answer.js'
import type { ApiResponse, HttpClient, HttpMethod } from '../../http/http-client.js'

/** The session's resources (wire facts §A1, §A3). */
export const AUTH_PATHS = {
  login: '/gdc/account/login',
  token: '/gdc/account/token',
  logout: (profileId: string) => `/gdc/account/login/${encodeURIComponent(profileId)}`,
  current: '/gdc/account/profile/current',
} as const

/** A profile's URI as the platform writes it: the one form a logout, a delete or a member list can take. */
export const PROFILE_URI = /^\/gdc\/account\/profile\/([^/?#]+)$/

/** What a login answers: the SST and the profile of who logged in. */
export interface LoggedIn {
  readonly sst: string
  readonly profileUri: string
}

/**
 * Logs in for a header-mode session: `verify_level: 2` asks for the tokens in the answer and
 * none in cookies (wire facts §A1.1); `remember: 0` as the Java client sends, since the SST is
 * wanted for this run only. The SST comes from the body's `userLogin.token` [REC]. A 401 is a bad
 * login or password, said without echoing either.
 */
export async function logIn(client: HttpClient, login: string, password: string): Promise<LoggedIn> {
  const request = { method: 'POST', path: AUTH_PATHS.login } as const
  const body = { postUserLogin: { login, password, remember: 0, verify_level: 2 } }
  const answer = await client.request({ ...request, body, expect: [401] })
  if (answer.status === 401)
    throw refused(
      request,
      answer,
      'the login or password was refused; check the username and password given for a domain admin',
    )
  const checked = checkedBody<{ userLogin: { token: string; profile: string } }>(request, answer, loginProblem)
  return { sst: checked.userLogin.token, profileUri: checked.userLogin.profile }
}

/**
 * A temporary token for the SST (wire facts §A1.2), from the body, as the Ruby SDK and legacy2cloud
 * read it. Undefined when the SST is refused: the only 401 recorded here is `cookie=GDCAuthSST`,
 * an unknown or expired SST (auth_token_sst_invalid.yaml).
 */
export async function temporaryToken(client: HttpClient): Promise<string | undefined> {
  const request = { method: 'GET', path: AUTH_PATHS.token } as const
  const answer = await client.request({ ...request, expect: [401] })
  if (answer.status === 401) return undefined
  return checkedBody<{ userToken: { token: string } }>(request, answer, tokenProblem).userToken.token
}

/** Ends the session (wire facts §A1.4): 204; a 401 means the TT the request carried has expired. */
export async function logOut(client: HttpClient, profileId: string): Promise<'done' | 'unauthorized'> {
  const answer = await client.request({ method: 'DELETE', path: AUTH_PATHS.logout(profileId), expect: [401] })
  return answer.status === 401 ? 'unauthorized' : 'done'
}

/** An SST that no longer buys a temporary token, given by the caller: nothing here can make a new one. */
export function sstRefused(attempts = 1): ApiError {
  const detail = 'the SST is no longer valid; pass a new one or use GDC_USERNAME and GDC_PASSWORD'
  return new ApiError({ status: 401, method: 'GET', path: AUTH_PATHS.token, detail, attempts })
}

/** A refusal in our words: the server's text is dropped, so nothing sent can come back in it. */
export function refused(request: { method: HttpMethod; path: string }, answer: ApiResponse, detail: string): ApiError {
  return new ApiError({
    status: answer.status,
    method: request.method,
    path: request.path,
    traceId: answer.traceId,
    detail,
    attempts: answer.attempts,
  })
}

function loginProblem(body: unknown): string | undefined {
  const notObject = objectBodyProblem(body)
  if (notObject !== undefined) return notObject
  const userLogin = (body as Record<string, unknown>)['userLogin']
  if (!isJsonObject(userLogin)) return fieldProblem('userLogin', 'an object', userLogin)
  if (typeof userLogin['token'] !== 'string' || userLogin['token'] === '')
    return fieldProblem('userLogin.token', 'a non-empty string', userLogin['token'])
  const profile = userLogin['profile']
  return typeof profile === 'string' && PROFILE_URI.test(profile)
    ? undefined
    : fieldProblem('userLogin.profile', 'a profile URI', profile)
}

function tokenProblem(body: unknown): string | undefined {
  const notObject = objectBodyProblem(body)
  if (notObject !== undefined) return notObject
  const userToken = (body as Record<string, unknown>)['userToken']
  if (!isJsonObject(userToken)) return fieldProblem('userToken', 'an object', userToken)
  return typeof userToken['token'] === 'string' && userToken['token'] !== ''
    ? undefined
    : fieldProblem('userToken.token', 'a non-empty string', userToken['token'])
}
