import type { ActualState, AutomaticProtection } from '../../../core/model/actual-state.js'
import type { Change } from '../../../core/model/change.js'
import { ApiError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import type { AppliedOutcome, Target } from '../target.js'
import { readAllPages } from './read-all-pages.js'
import { readUser, readUserGroup, userDocument, userGroupDocument } from './wire.js'

interface Profile {
  readonly userId?: string
  readonly organizationId?: string
}

interface OrganizationDocument {
  readonly data?: { readonly relationships?: Record<string, { data?: { id?: string } | null }> }
}

/** GoodData Cloud and GoodData.CN through the entity API: one request per change, no GET before writes. */
export class GoodDataCloudTarget implements Target {
  readonly capabilities = { nestedGroups: true, groupIds: 'declared', userRemoval: 'delete' } as const
  readonly description: string

  constructor(
    private readonly client: HttpClient,
    host: string,
  ) {
    this.description = `GoodData Cloud at ${host}`
  }

  async readState(): Promise<ActualState> {
    const [protectedIds, users, userGroups] = await Promise.all([
      this.readProtectedIds(),
      readAllPages(this.client, 'users', 'userGroups'),
      readAllPages(this.client, 'userGroups', 'parents'),
    ])
    return { users: users.map(readUser), userGroups: userGroups.map(readUserGroup), protectedIds }
  }

  async applyChange(change: Change): Promise<AppliedOutcome> {
    const collection = change.kind === 'user' ? 'users' : 'userGroups'
    const path = `/api/v1/entities/${collection}`
    const itemPath = `${path}/${encodeURIComponent(change.id)}`
    switch (change.action) {
      case 'create': {
        const body = change.kind === 'user' ? userDocument(change.id, change.after) : userGroupDocument(change.id, change.after)
        const answer = await this.client.request({ method: 'POST', path, body, expect: [409] })
        if (answer.status !== 409) return 'applied'
        // A retried POST whose first try went through answers 409: it was created by us.
        if (answer.attempts > 1) return 'already-applied'
        throw new ApiError({ status: 409, method: 'POST', path, title: 'Conflict', detail: `${change.kind === 'user' ? 'user' : 'user group'} "${change.id}" was created by someone else since the plan was made; plan again`, attempts: 1 })
      }
      case 'update': {
        const body = change.kind === 'user' ? userDocument(change.id, change.after, change.before.unmanaged) : userGroupDocument(change.id, change.after)
        await this.client.request({ method: 'PUT', path: itemPath, body })
        return 'applied'
      }
      case 'delete': {
        // Gone already (a retried DELETE, or deleted by hand since the plan): what the plan wanted.
        const answer = await this.client.request({ method: 'DELETE', path: itemPath, expect: [404] })
        return answer.status === 404 ? 'already-applied' : 'applied'
      }
    }
  }

  async close(): Promise<void> {
    await this.client.close()
  }

  /** The token's own user and the organization's bootstrap user and group, read from the server. */
  private async readProtectedIds(): Promise<AutomaticProtection[]> {
    const profile = (await this.client.request({ method: 'GET', path: '/api/v1/profile' })).body as Profile
    if (!profile?.userId || !profile.organizationId) throw new Error('the profile answer lacks userId or organizationId; is the host a GoodData Cloud or GoodData.CN organization?')
    const organization = (
      await this.client.request({
        method: 'GET',
        path: `/api/v1/entities/admin/organizations/${encodeURIComponent(profile.organizationId)}`,
        query: { include: 'bootstrapUser,bootstrapUserGroup' },
      })
    ).body as OrganizationDocument
    const related = (name: string) => organization?.data?.relationships?.[name]?.data?.id
    const protections: AutomaticProtection[] = [{ kind: 'user', id: profile.userId, reason: "the token's own user" }]
    const bootstrapUser = related('bootstrapUser')
    const bootstrapUserGroup = related('bootstrapUserGroup')
    if (bootstrapUser) protections.push({ kind: 'user', id: bootstrapUser, reason: "the organization's bootstrap user" })
    if (bootstrapUserGroup) protections.push({ kind: 'userGroup', id: bootstrapUserGroup, reason: "the organization's bootstrap group" })
    return protections
  }
}
