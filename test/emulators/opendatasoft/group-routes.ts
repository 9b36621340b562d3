import type { RouteAnswer } from '../shared/route-answer.js'
import { invalid, notFound, REQUIRED } from './answer-format.js'
import { answerBatch, failed, succeeded } from './batch.js'
import { groupDocument, matchesSearch, paginated, readPage, userDocument } from './documents.js'
import type { DomainState } from './domain-state.js'
import { readGroupWrite } from './write-bodies.js'

/** The `/groups/…` endpoints, members included. `search` is honoured; `sort` and `permissions` are ignored. */
export class GroupRoutes {
  constructor(private readonly state: DomainState) {}

  list(url: URL): RouteAnswer {
    const page = readPage(url.searchParams)
    if (!page.ok) return invalid(page.errors)
    const groups = this.state
      .sortedGroups()
      .filter((group) => matchesSearch(url.searchParams, [group.uid, group.title, group.description]))
    return { status: 200, body: paginated(groups, page.value, url, groupDocument) }
  }

  /** 201 with the uid the server derived from the title; a `uid` in the body is read-only, so ignored (wire facts §C O4). */
  create(body: unknown, by: string): RouteAnswer {
    const read = readGroupWrite(body)
    if (!read.ok) return invalid(read.errors)
    const { title, ...fields } = read.value
    return { status: 201, body: groupDocument(this.state.createGroup({ ...fields, title: title! }, by)) }
  }

  get(uid: string): RouteAnswer {
    const group = this.state.groups.get(uid)
    return group ? { status: 200, body: groupDocument(group) } : notFound()
  }

  /** Full replace of the writable fields sent, omitted optional ones unchanged (wire facts §C O3); the uid stays when the title changes. */
  replace(uid: string, body: unknown, by: string): RouteAnswer {
    const group = this.state.groups.get(uid)
    if (!group) return notFound()
    const read = readGroupWrite(body)
    if (!read.ok) return invalid(read.errors)
    Object.assign(group, read.value)
    this.state.touch(group, by)
    return { status: 200, body: groupDocument(group) }
  }

  /**
   * Members lose the group and what it granted. Unlike a user's deletion this is not refused when
   * it takes `edit_domain` from the last holder: the description documents that refusal for users only.
   */
  delete(uid: string): RouteAnswer {
    if (!this.state.groups.delete(uid)) return notFound()
    return { status: 204 }
  }

  /** Paged like every list, although the description declares no `limit`/`offset` here (wire facts §C O8). */
  members(uid: string, url: URL): RouteAnswer {
    const group = this.state.groups.get(uid)
    if (!group) return notFound()
    const page = readPage(url.searchParams)
    if (!page.ok) return invalid(page.errors)
    const users = group.members
      .map((username) => this.state.users.get(username)!)
      .sort((a, b) => (a.username < b.username ? -1 : 1))
    return { status: 200, body: paginated(users, page.value, url, (user) => userDocument(this.state, user)) }
  }

  /** 201 with the user; adding a member again is answered the same (our assumption: idempotent). */
  addMember(uid: string, body: unknown): RouteAnswer {
    if (!this.state.groups.has(uid)) return notFound()
    const entry = this.join(uid, body)
    return entry.status_code === 'success' ? { status: 201, body: entry.data } : { status: 400, body: entry.error }
  }

  addMembers(uid: string, body: unknown): RouteAnswer {
    if (!this.state.groups.has(uid)) return notFound()
    return answerBatch(body, (item) => this.join(uid, item))
  }

  /** 404 when the group or the user is unknown, or the user is not a member. */
  removeMember(uid: string, username: string): RouteAnswer {
    const group = this.state.groups.get(uid)
    if (!group?.members.includes(username)) return notFound()
    group.members = group.members.filter((member) => member !== username)
    return { status: 204 }
  }

  /** A RelatedUser `{username}` joining the group: an unknown username is a validation error, like DRF's slug fields. */
  private join(uid: string, item: unknown) {
    const username = (item as { username?: unknown } | null)?.username
    if (username === undefined) return failed({ username: [REQUIRED] })
    const user = typeof username === 'string' ? this.state.users.get(username) : undefined
    if (!user) return failed({ username: [`Object with username=${String(username)} does not exist.`] })
    this.state.addMember(this.state.groups.get(uid)!, user.username)
    return succeeded(userDocument(this.state, user))
  }
}
