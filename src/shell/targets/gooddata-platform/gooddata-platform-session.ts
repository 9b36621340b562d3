import { randomBytes } from 'node:crypto'
import { ApiError } from '../../http/api-error.js'
import type { Auth } from '../../http/dialect.js'
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js'
import { readRedirect } from '../../http/read-redirect.js'
import { PLATFORM_HEADERS, readPlatformError, TRACE_HEADER } from './gooddata-platform-dialect.js'
import { AUTH_PATHS, logIn, logOut, PROFILE_URI, refused, sstRefused, temporaryToken } from './session-calls.js'

/** A domain admin's login and password, or an SST they already hold. */
export type PlatformCredentials = { readonly username: string; readonly password: string } | { readonly sst: string }

/**
 * A header-mode session of the legacy platform (wire facts §A1, §C G13): log in (or take the SST
 * given), buy a temporary token (TT) with the SST, send the TT on every request. Expiry is the
 * server's to decide; this only reacts to 401s (wire facts §C G9). After a 401 the TT is renewed
 * once for every request that failed with it; an SST the token resource refuses means logging in
 * again with the password, or a clear error when only the SST was given. Its own requests go
 * through a client of its own, since every slot of the main client may be waiting on it.
 */
export class GoodDataPlatformSession implements Auth {
  private sst: string | undefined
  private tt: string | undefined
  private profileUri: string | undefined
  /** Whether this session was opened here by a login, and so is ours to log out. */
  private openedHere = false
  private started: Promise<void> | undefined
  private renewing: Promise<void> | undefined
  /** A refusal no renewal can mend (a bad password, a dead SST without one): every request ends with it. */
  private broken: ApiError | undefined
  /** The TT each request was sent with, by its signal (one per request): who still needs a renewal. */
  private readonly sentWith = new WeakMap<AbortSignal, string>()
  /** Every secret held so far, old tokens too: an answer may still quote one. */
  private readonly held = new Set<string>()
  /** The run's part of X-GDC-Request, so support can find every request of one run (wire facts §A0). */
  private readonly run = randomId()
  private readonly client: HttpClient

  constructor(
    private readonly credentials: PlatformCredentials,
    private readonly transport: Omit<HttpClientOptions, 'dialect'>,
  ) {
    if ('password' in credentials) this.hold(credentials.password)
    else this.hold(credentials.sst)
    const auth: Auth = {
      headers: () => Promise.resolve({ ...this.tokenHeaders(), [TRACE_HEADER]: this.requestId() }),
      secrets: () => this.secrets(),
    }
    // Login, token and logout come one after another: two slots are plenty.
    this.client = new HttpClient({
      ...transport,
      concurrency: 2,
      dialect: { auth, headers: PLATFORM_HEADERS, traceIdHeader: TRACE_HEADER, readErrorBody: readPlatformError },
    })
  }

  async headers(signal: AbortSignal): Promise<Readonly<Record<string, string>>> {
    await this.ready()
    const tt = this.tt!
    this.sentWith.set(signal, tt)
    return { 'x-gdc-authtt': tt, [TRACE_HEADER]: this.requestId() }
  }

  /**
   * After a 401 on any resource: the gateway's `cookie=GDCAuthTT` challenge, the only 401 recorded
   * outside login and token (wire facts §A1.3). Requests that failed with the TT that is still
   * current share one renewal; those sent with an older one are tried again with the new one.
   */
  async onUnauthorized(signal: AbortSignal): Promise<boolean> {
    if (this.broken) throw this.broken
    if (!this.renewing && this.sentWith.get(signal) === this.tt) {
      this.renewing = this.renew().finally(() => {
        this.renewing = undefined
      })
    }
    if (this.renewing) await this.renewing
    return true
  }

  secrets(): readonly string[] {
    return [...this.held]
  }

  /** A secret made here (a new account's password): never printed either. */
  hold(secret: string): string {
    this.held.add(secret)
    return secret
  }

  /** The URI of the logged-in profile: the login said it; for an SST, the current profile's redirect does (wire facts §A3). */
  async currentProfile(signal?: AbortSignal): Promise<string> {
    await this.ready()
    for (let tries = 1; this.profileUri === undefined; tries++) {
      const key = new AbortController().signal
      const headers = { ...PLATFORM_HEADERS, ...(await this.headers(key)) }
      const options = { headers, secrets: this.secrets(), traceIdHeader: TRACE_HEADER, ...(signal ? { signal } : {}) }
      const answer = await readRedirect(this.transport.host, AUTH_PATHS.current, options)
      if (answer.status === 401 && tries === 1 && (await this.onUnauthorized(key))) continue
      const uri =
        answer.location === undefined ? undefined : new URL(answer.location, 'http://relative.invalid').pathname
      if (answer.status < 300 || answer.status >= 400 || uri === undefined || !PROFILE_URI.test(uri)) {
        const detail =
          'the answer does not say whose session this is (expected a redirect to /gdc/account/profile/{id})'
        throw refused(
          { method: 'GET', path: AUTH_PATHS.current },
          { ...answer, body: undefined, attempts: tries },
          detail,
        )
      }
      this.profileUri = uri
    }
    return this.profileUri
  }

  /**
   * Logs out a session opened here (wire facts §A1.4), renewing the TT once if it expired. An SST
   * given by the caller is left alone: logging out would end it for whoever holds it. A failure is
   * not an error: the session expires on its own, and the run's changes are done by now.
   */
  async close(): Promise<void> {
    try {
      await this.started
      if (this.openedHere && this.profileUri && !this.broken) {
        const profileId = PROFILE_URI.exec(this.profileUri)![1]!
        if ((await logOut(this.client, decodeURIComponent(profileId))) === 'unauthorized') {
          await this.renew()
          await logOut(this.client, decodeURIComponent(profileId))
        }
      }
    } catch {
      // See above: nothing to report.
    } finally {
      await this.client.close()
    }
  }

  /** Started once, on the first request; a request made while the TT is renewed waits for the new one. */
  private async ready(): Promise<void> {
    this.started ??= this.begin()
    await this.started
    while (this.renewing) await this.renewing
    if (this.broken) throw this.broken
  }

  private async begin(): Promise<void> {
    if ('sst' in this.credentials) this.sst = this.credentials.sst
    else await this.logIn(this.credentials.username, this.credentials.password)
    await this.takeToken()
  }

  /** A new TT for the SST; when the SST is refused, a new login with the password, else the end. */
  private async renew(): Promise<void> {
    if (await this.takeToken(false)) return
    if (!('password' in this.credentials)) throw this.break(sstRefused())
    await this.logIn(this.credentials.username, this.credentials.password)
    await this.takeToken()
  }

  private async logIn(username: string, password: string): Promise<void> {
    // Tokens of a dead session are not sent along with the login.
    this.sst = undefined
    this.tt = undefined
    try {
      const session = await logIn(this.client, username, password)
      this.sst = this.hold(session.sst)
      this.profileUri = session.profileUri
      this.openedHere = true
    } catch (error) {
      throw error instanceof ApiError && error.status === 401 ? this.break(error) : error
    }
  }

  /** Whether the SST bought a TT; `required`: refused is an error (given an SST, or just logged in). */
  private async takeToken(required = true): Promise<boolean> {
    const tt = await temporaryToken(this.client)
    if (tt !== undefined) {
      this.tt = this.hold(tt)
      return true
    }
    if (!required) return false
    if ('sst' in this.credentials) throw this.break(sstRefused())
    throw this.break(
      new ApiError({
        status: 401,
        method: 'GET',
        path: AUTH_PATHS.token,
        detail: 'the platform refused the session it had just opened',
        attempts: 1,
      }),
    )
  }

  private break(error: ApiError): ApiError {
    this.broken = error
    return error
  }

  private tokenHeaders(): Record<string, string> {
    return {
      ...(this.sst === undefined ? {} : { 'x-gdc-authsst': this.sst }),
      ...(this.tt === undefined ? {} : { 'x-gdc-authtt': this.tt }),
    }
  }

  private requestId(): string {
    return `:${this.run}:${randomId()}`
  }
}

/** 22 base64url characters, the form of the recorded X-GDC-Request segments (wire facts §A0). */
function randomId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22)
}
