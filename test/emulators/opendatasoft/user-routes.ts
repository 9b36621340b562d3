import type { RouteAnswer } from '../shared/route-answer.js'
import { badRequest, invalid, notFound, REQUIRED, type FieldErrors } from './answer-format.js'
import { answerBatch, failed, succeeded, type BatchEntry } from './batch.js'
import { expandsGroups, matchesSearch, paginated, readPage, userDocument } from './documents.js'
import type { AccountType, DomainState } from './domain-state.js'
import { pythonType, readUserWrite } from './write-bodies.js'

/** What provision takes: see OpendatasoftEmulatorOptions.provisionBody. */
export type ProvisionBody = 'list-or-object' | 'object'

const EMAIL_TAKEN = 'A user with this e-mail address is already a member of this domain.'

/** The `/users/…` endpoints. `search` is honoured; `sort`, `permissions` and `all_permissions` are ignored. */
export class UserRoutes {
  constructor(
    private readonly state: DomainState,
    private readonly provisionBody: ProvisionBody = 'list-or-object',
  ) {}

  list(url: URL): RouteAnswer {
    const page = readPage(url.searchParams)
    if (!page.ok) return invalid(page.errors)
    const query = url.searchParams
    const users = this.state
      .sortedUsers()
      .filter((user) => matchesSearch(query, [user.username, user.first_name, user.last_name, user.email]))
    const groupsOf = this.state.membershipIndex()
    return {
      status: 200,
      body: paginated(users, page.value, url, (user) => userDocument(this.state, user, expandsGroups(query), groupsOf)),
    }
  }

  get(username: string, url: URL): RouteAnswer {
    const user = this.state.users.get(username)
    if (!user) return notFound()
    return { status: 200, body: userDocument(this.state, user, expandsGroups(url.searchParams)) }
  }

  /**
   * Full replace of the writable fields sent; omitted optional fields stay as they are (wire facts
   * §C O3). `groups`, when sent, becomes the user's exact membership. Our assumptions: the username
   * cannot change, and an e-mail cannot move to an address another member of the domain has.
   */
  replace(username: string, body: unknown): RouteAnswer {
    const user = this.state.users.get(username)
    if (!user) return notFound()
    const read = readUserWrite(body, (uid) => this.state.groups.has(uid))
    if (!read.ok) return invalid(read.errors)
    const { username: sentName, groups, email, ...fields } = read.value
    if (sentName !== undefined && sentName !== username)
      return invalid({ username: ['The username cannot be changed.'] })
    const owner = this.state.userByEmail(email!)
    if (owner && owner !== user) return invalid({ email: [EMAIL_TAKEN] })
    Object.assign(user, fields, { email })
    if (groups) this.state.setGroupsOf(username, groups)
    return { status: 200, body: userDocument(this.state, user) }
  }

  /**
   * Removes the user from this domain (the global account lives on: wire facts §B5). The domain's
   * last `edit_domain` holder cannot be removed: 400 `bad_request`, a placeholder code (wire facts §C O9).
   */
  delete(username: string): RouteAnswer {
    if (!this.state.users.has(username)) return notFound()
    if (this.state.isLastAdmin(username)) {
      return badRequest(
        'The last administrator of the domain cannot be removed: grant edit_domain to another user first.',
      )
    }
    this.state.deleteUser(username)
    return { status: 204 }
  }

  /**
   * A list of users, each needing `email`. Assumptions: the username comes from the e-mail (see
   * usernameBase) and a `username` sent is ignored; the invited user is active at once, where the
   * real server may keep an invitation pending until it is accepted, which no test needs.
   */
  invite(body: unknown): RouteAnswer {
    return answerBatch(body, (item) =>
      this.add(item, { accountType: 'global', provider: 'opendatasoft', keepUsername: false }),
    )
  }

  /**
   * Users signing in through an identity provider, each with `identity_provider: {uid}`. The
   * description types the body as one object but calls the endpoint bulk and answers index-keyed,
   * so both are accepted (wire facts §C O1), unless `provisionBody` is 'object'. A `username`
   * sent is kept when free. Assumption: a provisioned account is `local` to the domain and linked
   * to that provider only.
   */
  provision(body: unknown): RouteAnswer {
    if (this.provisionBody === 'object' && Array.isArray(body)) {
      return invalid({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonType(body)}.`] })
    }
    const items = Array.isArray(body) || typeof body !== 'object' || body === null ? body : [body]
    return answerBatch(items, (item) => {
      const provider = (item as { identity_provider?: { uid?: unknown } } | null)?.identity_provider?.uid
      const known = typeof provider === 'string' && provider !== ''
      return this.add(
        item,
        { accountType: 'local', provider: String(provider), keepUsername: true },
        known ? {} : { identity_provider: [REQUIRED] },
      )
    })
  }

  /** One invited or provisioned user; `problems` are the caller's own, reported with the body's. */
  private add(
    item: unknown,
    how: { accountType: AccountType; provider: string; keepUsername: boolean },
    problems: FieldErrors = {},
  ): BatchEntry {
    const read = readUserWrite(item, (uid) => this.state.groups.has(uid))
    if (!read.ok) return failed({ ...problems, ...read.errors })
    const { username, email, groups = [], ...fields } = read.value
    const kept = how.keepUsername && username !== undefined ? { username } : {}
    if (this.state.userByEmail(email!)) problems['email'] = [EMAIL_TAKEN]
    if (kept.username !== undefined && this.state.users.has(kept.username))
      problems['username'] = ['A user with that username already exists.']
    if (Object.keys(problems).length > 0) return failed(problems)
    const identity = { account_type: how.accountType, identity_providers: [how.provider] }
    const user = this.state.addUser({ ...fields, ...kept, ...identity, email: email! })
    this.state.setGroupsOf(user.username, groups)
    return succeeded(userDocument(this.state, user))
  }
}
