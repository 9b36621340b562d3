import { requestJson, type JsonAnswer as Answer } from '../shared/json-request.js'
import { DEFAULT_LOGIN, DEFAULT_PASSWORD } from './server.js'

export type { JsonAnswer as Answer } from '../shared/json-request.js'

/**
 * A header-mode client of the emulator, as the Ruby SDK talks to the platform: log in for an SST,
 * send the TT on every call. It does not refresh tokens on its own: tests do that step by step.
 */
export class PlatformTestClient {
  sst: string | undefined
  tt: string | undefined

  constructor(private readonly url: string) {}

  /** Logs in with `verify_level: 2` and keeps the SST and TT the answer carries. */
  async login(
    login = DEFAULT_LOGIN,
    password = DEFAULT_PASSWORD,
  ): Promise<Answer<{ userLogin: { profile: string; state: string; token: string } }>> {
    const answer = await this.send<{ userLogin: { profile: string; state: string; token: string } }>(
      'POST',
      '/gdc/account/login',
      {
        body: { postUserLogin: { login, password, remember: 1, verify_level: 2 } },
      },
    )
    if (answer.status === 200) {
      this.sst = answer.headers.get('x-gdc-authsst') ?? undefined
      this.tt = answer.headers.get('x-gdc-authtt') ?? undefined
    }
    return answer
  }

  /** A new TT for the SST; kept when the answer is 200. */
  async refreshToken(): Promise<Answer<{ userToken: { token: string } }>> {
    const answer = await this.send<{ userToken: { token: string } }>('GET', '/gdc/account/token', {
      headers: this.sst === undefined ? {} : { 'x-gdc-authsst': this.sst },
    })
    if (answer.status === 200) this.tt = answer.headers.get('x-gdc-authtt') ?? undefined
    return answer
  }

  /** A call with the TT; `Body` is what the test expects the answer to hold, not checked. */
  call<Body = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<Body>> {
    const auth = this.tt === undefined ? {} : { 'x-gdc-authtt': this.tt }
    return this.send<Body>(method, path, { ...(body === undefined ? {} : { body }), headers: { ...auth, ...headers } })
  }

  send<Body>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<Body>> {
    const headers = { accept: 'application/json, application/zip', ...init.headers }
    return requestJson<Body>(path.startsWith('http') ? path : `${this.url}${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    })
  }
}

/** Starts a client logged in as `login`. */
export async function loggedIn(
  url: string,
  login = DEFAULT_LOGIN,
  password = DEFAULT_PASSWORD,
): Promise<PlatformTestClient> {
  const client = new PlatformTestClient(url)
  const answer = await client.login(login, password)
  if (answer.status !== 200) throw new Error(`login as ${login} answered ${answer.status}`)
  return client
}
