import type { ActualState } from '../../../core/model/actual-state.js'
import type { Change } from '../../../core/model/change.js'
import type { GoodDataPlatformSettings } from '../../../core/model/entities.js'
import { GOODDATA_PLATFORM } from '../../../core/targets/profiles.js'
import { ApiError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import type { AppliedChange, AppliedOutcome, AssignedReferences, Target } from '../target.js'
import type { GoodDataPlatformSession } from './gooddata-platform-session.js'
import { changeMembers, createGroup, deleteGroup, renameGroup, type GroupWriteContext } from './group-writes.js'
import type { ListOptions } from './platform-lists.js'
import {
  changesRole,
  notSent,
  updateProfile,
  writeProjectUsers,
  type ProjectUserChange,
  type UserWriteContext,
} from './project-user-writes.js'
import { MAX_PAGES, PAGE_SIZE } from './read-pages.js'
import { readProject, type LiveProject } from './read-project.js'
import { PROFILE_URI } from './session-calls.js'
import { platformPaths, type PlatformPaths } from './wire.js'

/** Project users or members of one group in one request at most: the Ruby SDK's batch size (wire facts §A4.2). */
export const MAX_BATCH = 100

const PROJECT_USERS = 'project-users'
const NO_REFERENCES: AssignedReferences = { refOf: () => undefined }

type MemberChange = Extract<Change, { action: 'add-member' | 'remove-member' }>

export interface GoodDataPlatformTargetSettings {
  readonly platform: GoodDataPlatformSettings
  /** Server text from 200 answers (failed batch items), as it may be printed. */
  readonly printable: (text: string) => string
  /** Smaller only in tests. */
  readonly pageSize?: number
  readonly maxPages?: number
}

/**
 * One project of the legacy GoodData Platform (`/gdc`) and the user domain its new users are
 * created in. Users are the project's members, keyed by login; groups are the project's, keyed by
 * their opaque id. Joining, roles, enabling and disabling go in batches of project users;
 * memberships in batches per group; the rest one request each. The read keeps the server's
 * references (profile, role and group URIs) for the writes that follow.
 */
export class GoodDataPlatformTarget implements Target {
  readonly profile = GOODDATA_PLATFORM
  readonly description: string
  readonly maxBatch = MAX_BATCH
  private readonly paths: PlatformPaths
  private live: LiveProject | undefined

  constructor(
    private readonly client: HttpClient,
    readonly host: string,
    private readonly session: GoodDataPlatformSession,
    private readonly settings: GoodDataPlatformTargetSettings,
  ) {
    this.paths = platformPaths(settings.platform)
    this.description = `the legacy GoodData Platform at ${host}, project ${settings.platform.project}`
  }

  async readState(): Promise<ActualState> {
    const { state, live } = await readProject(
      this.client,
      this.session,
      { paths: this.paths, project: this.settings.platform.project },
      this.lists(),
    )
    this.live = live
    return state
  }

  batchKeyOf(change: Change, assigned: AssignedReferences): string | undefined {
    if (
      change.kind === 'user' &&
      (change.action === 'create' || change.action === 'enable' || change.action === 'disable')
    )
      return PROJECT_USERS
    if (change.kind === 'user' && change.action === 'update' && changesRole(change)) return PROJECT_USERS
    if (change.action === 'add-member')
      return `members-add:${assigned.refOf('userGroup', change.group) ?? change.group}`
    if (change.action === 'remove-member')
      return `members-remove:${assigned.refOf('userGroup', change.group) ?? change.group}`
    return undefined
  }

  async applyBatch(
    changes: readonly Change[],
    assigned: AssignedReferences,
  ): Promise<readonly (AppliedChange | ApiError)[]> {
    const keys = new Set(changes.map((change) => this.batchKeyOf(change, assigned)))
    const [key] = keys
    if (keys.size !== 1 || key === undefined)
      throw new Error('the legacy GoodData Platform batches project users, or members of one group, together')
    const live = await this.project()
    if (key === PROJECT_USERS) return writeProjectUsers(this.userContext(live), changes as readonly ProjectUserChange[])
    return this.writeMembers(live, changes as readonly MemberChange[], assigned)
  }

  async applyChange(change: Change, assigned: AssignedReferences = NO_REFERENCES): Promise<AppliedChange> {
    // Alone, a change that batches is a batch of one: the same requests, the same result.
    if (this.batchKeyOf(change, assigned) !== undefined) return onlyResult(await this.applyBatch([change], assigned))
    const live = await this.project()
    const groups = this.groupContext(live)
    if (change.kind === 'userGroup') {
      if (change.action === 'create') return createGroup(groups, change.after.name)
      if (change.action === 'permissions') throw new Error('the legacy GoodData Platform has no workspace permissions')
      const uri = change.before.ref ?? live.groups.get(change.id)?.uri
      if (uri === undefined)
        throw notSent(
          change.action === 'update' ? 'PUT' : 'DELETE',
          this.paths.groups,
          `the group ${change.id} was not found when the project was read`,
        )
      return {
        outcome:
          change.action === 'update'
            ? await renameGroup(groups, change.id, uri, change.after.name)
            : await deleteGroup(groups, uri),
      }
    }
    if (change.action === 'update') {
      await updateProfile(this.userContext(live), change)
      return { outcome: 'applied' }
    }
    if (change.action === 'delete') return { outcome: await this.removeUser(live, change) }
    // Creates, roles, enabling, disabling and memberships are batched (batchKeyOf) and never come here.
    throw new Error(`the legacy GoodData Platform cannot ${change.action} a ${change.kind} outside a batch`)
  }

  async close(): Promise<void> {
    await this.client.close()
    await this.session.close()
  }

  /**
   * A user leaves by gooddata_platform.removal: out of the project (wire facts §C G3: 200), or the
   * whole account deleted (wire facts §A3: 200), only for accounts of the configured domain. A
   * user gone already (404) is what the plan wanted. `disable` never gets here: the planner turns
   * a leave into a disable then.
   */
  private async removeUser(
    live: LiveProject,
    change: Extract<Change, { action: 'delete'; kind: 'user' }>,
  ): Promise<AppliedOutcome> {
    const uri = change.before.ref ?? live.users.get(change.id.toLowerCase())?.uri
    const profileId = uri === undefined ? undefined : PROFILE_URI.exec(uri)?.[1]
    const { removal, domain } = this.settings.platform
    if (profileId === undefined)
      throw notSent('DELETE', this.paths.projectUsers, `no profile of ${change.id} was found when the project was read`)
    if (removal === 'disable')
      throw new Error(
        `the legacy GoodData Platform disables users who leave (removal: disable); it cannot delete ${change.id}`,
      )
    if (removal === 'delete-account' && !live.accounts.has(change.id.toLowerCase())) {
      throw notSent(
        'DELETE',
        '/gdc/account/profile',
        `${change.id} is not an account of the domain ${domain}, which alone may delete it`,
      )
    }
    const id = decodeURIComponent(profileId)
    const path = removal === 'remove-from-project' ? this.paths.projectUser(id) : this.paths.profile(id)
    const answer = await this.client.request({ method: 'DELETE', path, expect: [404] })
    if (answer.status !== 404) live.users.delete(change.id.toLowerCase())
    return answer.status === 404 ? 'already-applied' : 'applied'
  }

  /**
   * Members of one group in one request: users created in this run by the URI their create
   * answered, others by the URI read; a group created in this run by its new URI.
   */
  private async writeMembers(
    live: LiveProject,
    changes: readonly MemberChange[],
    assigned: AssignedReferences,
  ): Promise<(AppliedChange | ApiError)[]> {
    const group = changes[0]!.group
    const groupUri = assigned.refOf('userGroup', group) ?? live.groups.get(group)?.uri
    const path = groupUri === undefined ? this.paths.groups : `${groupUri}/modifyMembers`
    const uris = changes.map(
      (change) => assigned.refOf('user', change.id) ?? live.users.get(change.id.toLowerCase())?.uri,
    )
    const missing = (index: number) =>
      notSent(
        'POST',
        path,
        groupUri === undefined ? `the group ${group} was not found` : `no profile of ${changes[index]!.id} is known`,
      )
    const sent = uris.filter((uri): uri is string => uri !== undefined)
    if (groupUri !== undefined && sent.length > 0)
      await changeMembers(
        this.groupContext(live),
        groupUri,
        changes[0]!.action === 'add-member' ? 'ADD' : 'REMOVE',
        sent,
      )
    return changes.map((_, index) =>
      groupUri === undefined || uris[index] === undefined ? missing(index) : { outcome: 'applied' },
    )
  }

  /** The project as last read; read now if it never was (a change applied without a plan). */
  private async project(): Promise<LiveProject> {
    if (!this.live) await this.readState()
    return this.live!
  }

  private lists(): ListOptions {
    return {
      host: this.host,
      pageSize: this.settings.pageSize ?? PAGE_SIZE,
      maxPages: this.settings.maxPages ?? MAX_PAGES,
    }
  }

  private userContext(live: LiveProject): UserWriteContext {
    const { domain, ssoProvider } = this.settings.platform
    const hold = (secret: string) => this.session.hold(secret)
    return {
      client: this.client,
      paths: this.paths,
      live,
      domain,
      ssoProvider,
      printable: this.settings.printable,
      hold,
    }
  }

  private groupContext(live: LiveProject): GroupWriteContext {
    return {
      client: this.client,
      paths: this.paths,
      project: this.settings.platform.project,
      live,
      lists: this.lists(),
    }
  }
}

/** The one result of a batch of one, thrown when it is an error. */
function onlyResult(results: readonly (AppliedChange | ApiError)[]): AppliedChange {
  const [result] = results
  if (result instanceof ApiError) throw result
  if (result === undefined) throw new Error('the batch answered nothing for its one change')
  return result
}
