import type { ActualState } from '../../../core/model/actual-state.js'
import type { Change, UserGroupFields } from '../../../core/model/change.js'
import { OPENDATASOFT } from '../../../core/targets/profiles.js'
import { ApiError } from '../../http/api-error.js'
import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import type { AppliedChange, AppliedOutcome, AssignedReferences, Target } from '../target.js'
import type { Printable } from './batch-results.js'
import { addMembers, createUsers, type CreateUser, type UserCreation } from './batch-writes.js'
import { readList } from './read-list.js'
import {
  groupProblem,
  PATHS,
  readUser,
  readUserGroup,
  userProblem,
  type GroupDocument,
  type UserDocument,
} from './wire.js'
import { groupReplacement, newGroup, userReplacement } from './write-bodies.js'

/**
 * Users invited or members added in one request at most. The API documents no limit; 500 keeps a
 * request and its index-keyed answer well under the transport's size cap.
 */
export const MAX_BATCH = 500

export interface OpendatasoftTargetSettings {
  /** How new users join (provisioning.yaml's `opendatasoft`): by invitation, or through an identity provider. */
  readonly createUsers: UserCreation
  /** Server text from answers the transport does not read as errors (batch items), as it may be printed. */
  readonly printable: Printable
  /** Smaller only in tests. */
  readonly pageSize?: number
  readonly maxPages?: number
}

/** A membership change: its user joins or leaves one group. */
type MemberChange = Extract<Change, { group: string }>

const NO_REFERENCES: AssignedReferences = { refOf: () => undefined }

/**
 * An Opendatasoft domain through the Automation API v1.0: users and flat groups with permissions,
 * group uids assigned by the server, membership as its own resource. New users and new members go
 * in batches; a change to a user or group reads it first and writes it whole (wire facts §C O3).
 */
export class OpendatasoftTarget implements Target {
  readonly profile = OPENDATASOFT
  readonly description: string
  readonly maxBatch = MAX_BATCH

  constructor(
    private readonly client: HttpClient,
    readonly host: string,
    private readonly settings: OpendatasoftTargetSettings,
  ) {
    this.description = `Opendatasoft at ${host}`
  }

  async readState(): Promise<ActualState> {
    // One failed list stops the other: it would go on paging, and retrying, for nothing.
    const controller = new AbortController()
    const { pageSize, maxPages } = this.settings
    const options = {
      host: this.host,
      signal: controller.signal,
      ...(pageSize ? { pageSize } : {}),
      ...(maxPages ? { maxPages } : {}),
    }
    const stopOthers = (error: unknown): never => {
      controller.abort()
      throw error
    }
    const [users, groups] = await Promise.all([
      readList<UserDocument>(
        this.client,
        { path: PATHS.users, itemProblem: userProblem, idOf: (user) => user.username },
        options,
      ).catch(stopOthers),
      readList<GroupDocument>(
        this.client,
        { path: PATHS.groups, itemProblem: groupProblem, idOf: (group) => group.uid },
        options,
      ).catch(stopOthers),
    ])
    const staff = users.filter((user) => user.is_ods === true)
    const protectedIds = staff.map(
      (user) => ({ kind: 'user', id: user.username, reason: 'an Opendatasoft staff account (is_ods)' }) as const,
    )
    return { users: users.map(readUser), userGroups: groups.map(readUserGroup), protectedIds }
  }

  /** New users go by how they join; new members by group, the group's uid as assigned in this apply if it was just created. */
  batchKeyOf(change: Change, assigned: AssignedReferences): string | undefined {
    if (change.action === 'create' && change.kind === 'user') return this.settings.createUsers.by
    if (change.action === 'add-member') return `members:${groupUid(change.group, assigned)}`
    return undefined
  }

  async applyBatch(
    changes: readonly Change[],
    assigned: AssignedReferences,
  ): Promise<readonly (AppliedChange | ApiError)[]> {
    const key = changes[0] === undefined ? undefined : this.batchKeyOf(changes[0], assigned)
    if (key === undefined || changes.some((change) => this.batchKeyOf(change, assigned) !== key)) {
      throw new Error('Opendatasoft batches only user creations, or members of one group, together')
    }
    const { printable } = this.settings
    if (!key.startsWith('members:'))
      return createUsers(this.client, changes as readonly CreateUser[], this.settings.createUsers, printable)
    const usernames = (changes as readonly MemberChange[]).map((change) => username(change.id, assigned))
    return addMembers(this.client, key.slice('members:'.length), usernames, printable)
  }

  async applyChange(change: Change, assigned: AssignedReferences = NO_REFERENCES): Promise<AppliedChange> {
    if (this.batchKeyOf(change, assigned) !== undefined) {
      const [result] = await this.applyBatch([change], assigned)
      if (result instanceof ApiError) throw result
      return result!
    }
    if (change.action === 'create' && change.kind === 'userGroup') return this.createGroup(change.after)
    return { outcome: await this.write(change, assigned) }
  }

  async close(): Promise<void> {
    await this.client.close()
  }

  /** A change of one request or two, outside any batch: an update, a deletion, a membership removed. */
  private async write(change: Change, assigned: AssignedReferences): Promise<AppliedOutcome> {
    if (change.action === 'update' && change.kind === 'user') {
      const path = PATHS.user(change.before.ref ?? change.before.id)
      return this.replace(path, userProblem, (current: UserDocument) => userReplacement(current, change.after))
    }
    if (change.action === 'update') {
      const path = PATHS.group(change.before.ref ?? change.before.id)
      return this.replace(path, groupProblem, (current: GroupDocument) => groupReplacement(current, change.after))
    }
    if (change.action === 'delete') {
      const reference = change.before.ref ?? change.before.id
      return this.remove(change.kind === 'user' ? PATHS.user(reference) : PATHS.group(reference))
    }
    if (change.action === 'remove-member')
      return this.remove(PATHS.member(groupUid(change.group, assigned), username(change.id, assigned)))
    // The profile removes users by deleting them, so the planner never disables or enables one.
    if (change.action === 'disable' || change.action === 'enable') {
      throw new Error(`Opendatasoft cannot ${change.action} user "${change.id}": users leave a domain by being deleted`)
    }
    // User creations and new members are batched (batchKeyOf) and never come here.
    throw new Error(`Opendatasoft cannot ${change.action} a ${change.kind} outside a batch`)
  }

  /** POST the group; the uid the server answers is the reference its member changes need. */
  private async createGroup(fields: UserGroupFields): Promise<AppliedChange> {
    const path = PATHS.groups
    const answer = await this.client.request({ method: 'POST', path, body: newGroup(fields) })
    const { uid } = checkedBody<GroupDocument>({ method: 'POST', path }, answer, groupProblem)
    // The uid is also the group's id in the config from now on: the journal says so when it differs.
    return { outcome: 'applied', ref: uid, key: uid }
  }

  /** GET, then PUT the whole writable object built from what was read. */
  private async replace<T>(
    path: string,
    problemIn: (body: unknown) => string | undefined,
    build: (current: T) => object,
  ): Promise<AppliedOutcome> {
    const current = checkedBody<T>(
      { method: 'GET', path },
      await this.client.request({ method: 'GET', path }),
      problemIn,
    )
    await this.client.request({ method: 'PUT', path, body: build(current) })
    return 'applied'
  }

  /** Gone already (a retried DELETE, or removed by hand since the plan): what the plan wanted. */
  private async remove(path: string): Promise<AppliedOutcome> {
    const answer = await this.client.request({ method: 'DELETE', path, expect: [404] })
    return answer.status === 404 ? 'already-applied' : 'applied'
  }
}

/** A group's uid: the one the server gave it in this apply, else its id as read (the uid already). */
function groupUid(group: string, assigned: AssignedReferences): string {
  return assigned.refOf('userGroup', group) ?? group
}

/** A user's username: the one the server gave an invited user in this apply, else the id (the username as read). */
function username(id: string, assigned: AssignedReferences): string {
  return assigned.refOf('user', id) ?? id
}
