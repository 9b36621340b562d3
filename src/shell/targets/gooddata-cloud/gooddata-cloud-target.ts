import type { ActualState, AutomaticProtection } from '../../../core/model/actual-state.js'
import type { Change } from '../../../core/model/change.js'
import { ApiError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import { GOODDATA_CLOUD } from '../../../core/targets/profiles.js'
import type { AppliedChange, AppliedOutcome, ReadOptions, Target } from '../target.js'
import { NO_SCOPED_PERMISSIONS, type ScopedPermissions } from '../../../core/model/scoped-permissions.js'
import { permissionsDocument, readPermissionLayouts } from './permission-layouts.js'
import { readUsersLayout, type UsersAndGroups } from './read-users-layout.js'
import { getChecked } from './get-checked.js'
import { readAllPages } from './read-all-pages.js'
import { readTogether } from '../../http/read-together.js'
import { bodyProblem, isObject, notA, readUser, readUserGroup, userDocument, userGroupDocument } from './wire.js'

interface Profile {
  readonly userId: string
  readonly organizationId: string
}

interface OrganizationDocument {
  readonly data: { readonly relationships?: Record<string, { data?: { id: string } | null }> }
}

const BOOTSTRAP = ['bootstrapUser', 'bootstrapUserGroup'] as const

/** GoodData Cloud and GoodData.CN through the entity API: one request per change, no GET before writes. */
export class GoodDataCloudTarget implements Target {
  readonly profile = GOODDATA_CLOUD
  readonly description: string

  constructor(
    private readonly client: HttpClient,
    readonly host: string,
    /** How users and groups are read: the layout (falling back to the entity lists), or the entity lists alone. */
    private readonly readPath: 'layout' | 'entities' = 'layout',
  ) {
    this.description = `GoodData Cloud at ${host}`
  }

  async readState(options: ReadOptions = {}): Promise<ActualState> {
    // One failed read cancels the others: none of them goes on retrying against a closed client.
    const [protectedIds, { users, userGroups }, permissions] = await readTogether([
      (signal: AbortSignal) => this.readProtectedIds(signal),
      (signal: AbortSignal) => this.readUsersAndGroups(signal),
      (signal: AbortSignal) =>
        options.permissions ? readPermissionLayouts(this.client, signal) : Promise.resolve(undefined),
    ])
    if (!permissions) return { users, userGroups, protectedIds }
    const held = (from: ReadonlyMap<string, ScopedPermissions>, id: string) => from.get(id) ?? NO_SCOPED_PERMISSIONS
    return {
      users: users.map((user) => ({ ...user, scopedPermissions: held(permissions.users, user.id) })),
      userGroups: userGroups.map((group) => ({ ...group, scopedPermissions: held(permissions.userGroups, group.id) })),
      protectedIds,
      scopes: permissions.scopes,
    }
  }

  /**
   * One request through the declarative layout, whatever the organization's size; where the server
   * does not offer it, or it is larger than an answer may be, the paged entity lists.
   */
  private async readUsersAndGroups(signal: AbortSignal): Promise<UsersAndGroups> {
    const layout = this.readPath === 'entities' ? undefined : await readUsersLayout(this.client, signal)
    if (layout) return layout
    const [users, userGroups] = await readTogether(
      [
        (inner: AbortSignal) => readAllPages(this.client, 'users', { include: 'userGroups', signal: inner }),
        (inner: AbortSignal) => readAllPages(this.client, 'userGroups', { include: 'parents', signal: inner }),
      ],
      signal,
    )
    return { users: users.map(readUser), userGroups: userGroups.map(readUserGroup) }
  }

  async applyChange(change: Change): Promise<AppliedChange> {
    return { outcome: await this.write(change) }
  }

  private async write(change: Change): Promise<AppliedOutcome> {
    const collection = change.kind === 'user' ? 'users' : 'userGroups'
    const path = `/api/v1/entities/${collection}`
    const itemPath = `${path}/${encodeURIComponent(change.id)}`
    switch (change.action) {
      case 'create': {
        const body =
          change.kind === 'user' ? userDocument(change.id, change.after) : userGroupDocument(change.id, change.after)
        const answer = await this.client.request({ method: 'POST', path, body, expect: [409] })
        if (answer.status !== 409) return 'applied'
        // A retried POST whose first try went through answers 409: it was created by us.
        if (answer.attempts > 1) return 'already-applied'
        throw new ApiError({
          status: 409,
          method: 'POST',
          path,
          title: 'Conflict',
          detail: `${change.kind === 'user' ? 'user' : 'user group'} "${change.id}" was created by someone else since the plan was made; plan again`,
          attempts: 1,
        })
      }
      case 'update': {
        const body =
          change.kind === 'user'
            ? userDocument(change.id, change.after, change.before.unmanaged)
            : userGroupDocument(change.id, change.after)
        await this.client.request({ method: 'PUT', path: itemPath, body })
        return 'applied'
      }
      case 'delete': {
        // Gone already (a retried DELETE, or deleted by hand since the plan): what the plan wanted.
        const answer = await this.client.request({ method: 'DELETE', path: itemPath, expect: [404] })
        return answer.status === 404 ? 'already-applied' : 'applied'
      }
      case 'permissions': {
        // Sets everything the user or group holds on workspaces and data sources: a repeat does the same.
        const holder = change.kind === 'user' ? 'users' : 'userGroups'
        await this.client.request({
          method: 'POST',
          path: `/api/v1/actions/userManagement/${holder}/${encodeURIComponent(change.id)}/permissions`,
          body: permissionsDocument(change.to),
          contentType: 'application/json',
        })
        return 'applied'
      }
      default:
        // The profile says users are deleted and groups are a field of the user: the planner makes no other change here.
        throw new Error(`GoodData Cloud cannot ${change.action} a ${change.kind}`)
    }
  }

  async close(): Promise<void> {
    await this.client.close()
  }

  /** The token's own user and the organization's bootstrap user and group, read from the server. */
  private async readProtectedIds(signal: AbortSignal): Promise<AutomaticProtection[]> {
    const profile = await getChecked<Profile>(this.client, { path: '/api/v1/profile', signal }, profileProblem)
    const path = `/api/v1/entities/admin/organizations/${encodeURIComponent(profile.organizationId)}`
    const query = { include: BOOTSTRAP.join(',') }
    const organization = await getChecked<OrganizationDocument>(
      this.client,
      { path, query, signal },
      organizationProblem,
    )
    const related = (name: string) => organization.data.relationships?.[name]?.data?.id
    const protections: AutomaticProtection[] = [{ kind: 'user', id: profile.userId, reason: "the token's own user" }]
    const bootstrapUser = related('bootstrapUser')
    const bootstrapUserGroup = related('bootstrapUserGroup')
    if (bootstrapUser)
      protections.push({ kind: 'user', id: bootstrapUser, reason: "the organization's bootstrap user" })
    if (bootstrapUserGroup)
      protections.push({ kind: 'userGroup', id: bootstrapUserGroup, reason: "the organization's bootstrap group" })
    return protections
  }
}

function profileProblem(body: unknown): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  const field = (['userId', 'organizationId'] as const).find(
    (name) => typeof body[name] !== 'string' || body[name] === '',
  )
  if (field === undefined) return undefined
  // Another product answering at the host is the likely cause; say so.
  return `${notA(field, 'a non-empty string', body[field])}; is the host a GoodData Cloud or GoodData.CN organization?`
}

function organizationProblem(body: unknown): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  if (!isObject(body['data'])) return notA('data', 'an object', body['data'])
  const relationships = body['data']['relationships']
  if (relationships === undefined) return undefined
  if (!isObject(relationships)) return notA('data.relationships', 'an object', relationships)
  for (const name of BOOTSTRAP) {
    const link = relationships[name]
    if (link === undefined) continue
    if (!isObject(link)) return notA(`data.relationships.${name}`, 'an object', link)
    const data = link['data']
    if (data === null || data === undefined) continue
    if (!isObject(data) || typeof data['id'] !== 'string') {
      return notA(`data.relationships.${name}.data.id`, 'a string', isObject(data) ? data['id'] : null)
    }
  }
  return undefined
}
