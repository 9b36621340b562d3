import type { IdSource } from './ids.js'

/** When a token stops working: after this many uses and/or seconds; unset means no limit of that kind. */
export interface TokenLifetime {
  readonly requests?: number
  readonly seconds?: number
}

interface Token {
  readonly value: string
  readonly issuedAt: number
  uses: number
}

/** One login: its super-secured token (SST) and the temporary tokens (TT) made from it. */
interface Session {
  readonly profileId: string
  readonly sst: Token
  readonly tts: Set<string>
}

/**
 * The SSTs and TTs of header-mode authentication (wire facts §A1, §C G13). The server decides
 * expiry; clients only react to the 401 challenges (wire facts §C G9), which is what tests provoke
 * with a short lifetime or with `expireTemporaryTokens` / `expireSessions`.
 */
export class Sessions {
  private readonly bySst = new Map<string, Session>()
  private readonly byTt = new Map<string, { readonly token: Token; readonly session: Session }>()

  constructor(
    private readonly ids: IdSource,
    private readonly lifetimes: { readonly sst: TokenLifetime; readonly tt: TokenLifetime },
  ) {}

  /** A login: a new session, and the TT the login answer already carries (wire facts §A1.1). */
  open(profileId: string): { sst: string; tt: string } {
    const session: Session = { profileId, sst: this.newToken('sst'), tts: new Set() }
    this.bySst.set(session.sst.value, session)
    return { sst: session.sst.value, tt: this.issueTemporaryToken(session) }
  }

  /** The session of a live SST, counting this use; undefined when unknown or expired. */
  sessionOf(sst: string | undefined): Session | undefined {
    const session = sst === undefined ? undefined : this.bySst.get(sst)
    if (!session || !this.use(session.sst, this.lifetimes.sst)) return undefined
    return session
  }

  issueTemporaryToken(session: Session): string {
    const token = this.newToken('tt')
    session.tts.add(token.value)
    this.byTt.set(token.value, { token, session })
    return token.value
  }

  /** The session a live TT belongs to, counting this use. A TT dies with its session. */
  sessionOfTemporaryToken(tt: string | undefined): Session | undefined {
    const found = tt === undefined ? undefined : this.byTt.get(tt)
    if (!found || !this.bySst.has(found.session.sst.value)) return undefined
    return this.use(found.token, this.lifetimes.tt) ? found.session : undefined
  }

  /** The session a TT was made in, without counting a use: for logout, after the TT was checked. */
  sessionHolding(tt: string | undefined): Session | undefined {
    return tt === undefined ? undefined : this.byTt.get(tt)?.session
  }

  /** Logout: the SST and all its TTs stop working. */
  close(session: Session): void {
    this.bySst.delete(session.sst.value)
    for (const tt of session.tts) this.byTt.delete(tt)
  }

  /** Every session of a profile, for when the profile is deleted. */
  closeAllOf(profileId: string): void {
    for (const session of [...this.bySst.values()]) if (session.profileId === profileId) this.close(session)
  }

  /** Every TT answers the `cookie=GDCAuthTT` challenge from now on; SSTs still make new ones. */
  expireTemporaryTokens(): void {
    this.byTt.clear()
    for (const session of this.bySst.values()) session.tts.clear()
  }

  /** Every SST and TT stops working: clients must log in again. */
  expireSessions(): void {
    for (const session of [...this.bySst.values()]) this.close(session)
  }

  /** Counts a use; false when the token was already spent or too old. */
  private use(token: Token, lifetime: TokenLifetime): boolean {
    const tooOld = lifetime.seconds !== undefined && Date.now() - token.issuedAt >= lifetime.seconds * 1000
    const spent = lifetime.requests !== undefined && token.uses >= lifetime.requests
    if (tooOld || spent) return false
    token.uses++
    return true
  }

  private newToken(kind: 'sst' | 'tt'): Token {
    return { value: this.ids.token(kind), issuedAt: Date.now(), uses: 0 }
  }
}
