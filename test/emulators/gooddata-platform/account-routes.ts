import type { RouteAnswer } from '../shared/route-answer.js'
import { readAccountSetting } from './account-bodies.js'
import { malformed, notDomainAdmin, notFound, UNVERIFIED_CLASS, webappError } from './answer-format.js'
import { accountSetting, profileUri, readLimit, readOffset } from './documents.js'
import { NEW_PROFILE_DEFAULTS, type PlatformState, type StoredProfile } from './platform-state.js'

/** The class Ruby and Keboola key on when a login exists in any domain (wire facts §C G6). */
const LOGIN_TAKEN = 'com.gooddata.webapp.service.userprovisioning.LoginNameAlreadyRegisteredException'

/** The domain's users and the profiles (wire facts §A2, §A3). */
export class AccountRoutes {
  constructor(private readonly state: PlatformState) {}

  /**
   * `?login=` looks one login up (`paging.count` 0 or 1); otherwise a page of the domain's
   * accounts in the order they were created. `paging.count` is the page's size, not a total, and
   * `next` is there only while more remain (wire facts §A2.1, §C G1). Without `limit` a page holds
   * 100 (our assumption, as for project users: wire facts §C G2).
   */
  list(domain: string, query: URLSearchParams, caller: string): RouteAnswer {
    if (!this.isDomainAdmin(caller, domain)) return notDomainAdmin()
    const accounts = this.state.domainProfiles()
    const login = query.get('login')
    if (login !== null) {
      const found = accounts.filter((profile) => profile.login.toLowerCase() === login.toLowerCase())
      return page({ offset: 0, count: found.length }, found)
    }
    const offset = readOffset(query)
    const limit = readLimit(query, 100)
    const items = accounts.slice(offset, offset + limit)
    const more = offset + limit < accounts.length
    const next = more ? { next: `/gdc/account/domains/${domain}/users?offset=${offset + limit}&limit=${limit}` } : {}
    return page({ offset, count: items.length, ...next }, items)
  }

  /** 201 with the new profile's URI in the body and in Location (domain_user_lookup_create_get.yaml). */
  create(domain: string, body: unknown, caller: string): RouteAnswer {
    if (!this.isDomainAdmin(caller, domain)) return notDomainAdmin()
    const read = readAccountSetting(body, true)
    if (!read.ok) return malformed(read.message)
    const { login, ...fields } = read.value
    if (this.state.profileByLogin(login!)) {
      return webappError(400, LOGIN_TAKEN, 'Login name %s is already registered.', undefined, [login])
    }
    const profile = this.state.addProfile({
      ...NEW_PROFILE_DEFAULTS,
      ssoProvider: null,
      authenticationModes: [],
      ...fields,
      login: login!,
      email: fields.email ?? login!,
      firstName: fields.firstName!,
      lastName: fields.lastName!,
      domain,
      domainAdmin: false,
    })
    const uri = profileUri(profile.id)
    return { status: 201, body: { uri }, headers: { location: uri } }
  }

  /** Assumption: any signed-in user may read a profile; the platform's rule was never recorded. */
  get(id: string): RouteAnswer {
    const profile = this.state.profiles.get(id)
    return profile ? { status: 200, body: accountSetting(profile) } : notFound('Profile')
  }

  /**
   * 200 with the whole updated profile, the login echoed though not sent (profile_put.yaml).
   * The login cannot change: a different one is refused (ours; the SDK never sends it).
   */
  update(id: string, body: unknown, caller: string): RouteAnswer {
    const profile = this.state.profiles.get(id)
    if (!profile) return notFound('Profile')
    if (id !== caller && !this.isDomainAdmin(caller, profile.domain)) return notDomainAdmin()
    const read = readAccountSetting(body, false)
    if (!read.ok) return malformed(read.message)
    const { login, ...fields } = read.value
    if (login !== undefined && login.toLowerCase() !== profile.login.toLowerCase()) {
      return webappError(400, UNVERIFIED_CLASS, 'The login of an account cannot be changed.')
    }
    Object.assign(profile, fields, { updated: this.state.now() })
    return { status: 200, body: accountSetting(profile) }
  }

  /** 200 with no body and no Content-Type, not 204 (profile_delete.yaml); the account leaves the project and its groups. */
  delete(id: string, caller: string): RouteAnswer {
    const profile = this.state.profiles.get(id)
    if (!profile) return notFound('Profile')
    if (!this.isDomainAdmin(caller, profile.domain)) return notDomainAdmin()
    this.state.deleteProfile(id)
    return { status: 200 }
  }

  private isDomainAdmin(caller: string, domain: string): boolean {
    const profile: StoredProfile | undefined = this.state.profiles.get(caller)
    return profile?.domainAdmin === true && profile.domain === domain
  }
}

function page(paging: Record<string, unknown>, profiles: readonly StoredProfile[]): RouteAnswer {
  return { status: 200, body: { accountSettings: { paging, items: profiles.map(accountSetting) } } }
}
