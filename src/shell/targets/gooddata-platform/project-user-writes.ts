import type { Change } from '../../../core/model/change.js'
import { ApiError, UnexpectedAnswerError } from '../../http/api-error.js'
import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import { bodyOf } from '../../http/shape.js'
import type { AppliedChange } from '../target.js'
import type { LiveProject } from './read-project.js'
import { CREATED_PROFILE, PROJECT_USERS_RESULT, type PlatformPaths, type ProjectUsersResult } from './wire.js'
import { newAccount, profileUpdate, projectUserItem, randomPassword } from './write-bodies.js'

/** The changes `POST /gdc/projects/{pid}/users` carries: joining the project, a role, enabling, disabling. */
export type ProjectUserChange = Extract<Change, { kind: 'user'; action: 'create' | 'update' | 'enable' | 'disable' }>
type UserUpdate = Extract<Change, { kind: 'user'; action: 'update' }>

/** What project-user writes need: the client, where things are, what the read found, and how to keep secrets. */
export interface UserWriteContext {
  readonly client: HttpClient
  readonly paths: PlatformPaths
  readonly live: LiveProject
  readonly domain: string
  readonly ssoProvider: string | undefined
  /** Server text from a 200 answer (a failed item's message), as it may be printed. */
  readonly printable: (text: string) => string
  /** Keeps a secret made here from ever being printed. */
  readonly hold: (secret: string) => string
}

/** One change made ready: the item it adds to the batch, or what it came to without one. */
type Prepared = { readonly uri: string; readonly item?: object; readonly done?: AppliedChange }

/** Whether an update writes the profile fields: the rest of it (the role) goes through the batch. */
export function changesProfile(change: UserUpdate): boolean {
  return (['firstname', 'lastname', 'email'] as const).some((field) => change.before[field] !== change.after[field])
}

export function changesRole(change: UserUpdate): boolean {
  return change.before.role !== change.after.role
}

/**
 * Project users in one request, at most 100 (the Ruby SDK's batch size, wire facts §A4.2). A new
 * user's account is created first where the domain has none; a profile change is its own PUT.
 * The answer is 200 with the URIs that went through and the failed ones with a message: each
 * change gets its own result, and one the answer leaves out may have gone through.
 */
export async function writeProjectUsers(
  context: UserWriteContext,
  changes: readonly ProjectUserChange[],
): Promise<(AppliedChange | ApiError)[]> {
  const prepared = await Promise.all(changes.map((change) => prepare(context, change).catch(keepApiError)))
  const items = prepared.flatMap((entry) => (entry instanceof ApiError || entry.item === undefined ? [] : [entry.item]))
  const path = context.paths.projectUsers
  const answer =
    items.length === 0 ? undefined : await context.client.request({ method: 'POST', path, body: { users: items } })
  const result =
    answer &&
    checkedBody<ProjectUsersResult>({ method: 'POST', path }, answer, bodyOf(PROJECT_USERS_RESULT))
      .projectUsersUpdateResult
  return changes.map((change, index) => {
    const entry = prepared[index]!
    if (entry instanceof ApiError || entry.item === undefined || !answer || !result)
      return entry instanceof ApiError ? entry : (entry.done ?? { outcome: 'applied' })
    const failed = result.failed.find((item) => item.user === entry.uri)
    if (failed) {
      const detail = failed.message ? context.printable(failed.message) : undefined
      return new ApiError(
        { status: answer.status, method: 'POST', path, traceId: answer.traceId, detail, attempts: 1 },
        `refused for ${change.id}`,
      )
    }
    if (!result.successful.includes(entry.uri)) {
      const problem = `"projectUsersUpdateResult" says nothing of ${change.id}`
      return new UnexpectedAnswerError({
        method: 'POST',
        path,
        traceId: answer.traceId,
        problem,
        attempts: answer.attempts,
      })
    }
    remember(context.live, change, entry.uri)
    return change.action === 'create' ? { outcome: 'applied', ref: entry.uri } : { outcome: 'applied' }
  })
}

/** Writes the profile fields of a user of the configured domain (wire facts §A3); accounts of other domains are theirs. */
export async function updateProfile(context: UserWriteContext, change: UserUpdate): Promise<void> {
  const uri = context.live.accounts.get(change.id.toLowerCase())
  if (uri === undefined)
    throw notSent(
      'PUT',
      '/gdc/account/profile',
      `${change.id} is not an account of the domain ${context.domain}, whose profile is not this tool's to change`,
    )
  await context.client.request({ method: 'PUT', path: uri, body: profileUpdate(change.id, change.after) })
}

/** A refusal before anything was sent. */
export function notSent(method: 'POST' | 'PUT' | 'DELETE', path: string, why: string): ApiError {
  return new ApiError({ method, path, attempts: 1 }, `not sent: ${why}`)
}

async function prepare(context: UserWriteContext, change: ProjectUserChange): Promise<Prepared> {
  const member = context.live.users.get(change.id.toLowerCase())
  if (change.action === 'create') {
    const existing = context.live.accounts.get(change.id.toLowerCase())
    const { firstname, lastname, email } = change.after
    // An account of the domain joining the project gets the names the config gives it in this same run, not the next.
    if (existing !== undefined && (firstname !== undefined || lastname !== undefined || email !== undefined)) {
      await context.client.request({ method: 'PUT', path: existing, body: profileUpdate(change.id, change.after) })
    }
    const uri = existing ?? (await createAccount(context, change))
    return { uri, item: projectUserItem(uri, 'ENABLED', [roleUri(context, change.after.role)]) }
  }
  if (!member) throw notSent('POST', context.paths.projectUsers, `${change.id} is not a member of the project`)
  if (change.action === 'update') {
    if (changesProfile(change)) await updateProfile(context, change)
    if (!changesRole(change)) return { uri: member.uri, done: { outcome: 'applied' } }
    // The status as it is now, enabled in this run or not: a role change must not undo an enable.
    return { uri: member.uri, item: projectUserItem(member.uri, member.status, [roleUri(context, change.after.role)]) }
  }
  if (change.action === 'disable') return { uri: member.uri, item: projectUserItem(member.uri, 'DISABLED') }
  // Enabling keeps the roles as read; the recorded disable sent none and the roles stayed (wire facts §A4.1).
  return {
    uri: member.uri,
    item: projectUserItem(member.uri, 'ENABLED', member.roleUris.length > 0 ? member.roleUris : undefined),
  }
}

/** A new account of the domain; its URI (wire facts §A2.3: 201 with `{uri}`). */
async function createAccount(
  context: UserWriteContext,
  change: Extract<ProjectUserChange, { action: 'create' }>,
): Promise<string> {
  const path = context.paths.domainUsers
  const body = newAccount(change.id, change.after, context.hold(randomPassword()), context.ssoProvider)
  const answer = await context.client.request({ method: 'POST', path, body })
  const { uri } = checkedBody<{ uri: string }>({ method: 'POST', path }, answer, bodyOf(CREATED_PROFILE))
  context.live.accounts.set(change.id.toLowerCase(), uri)
  return uri
}

/** The URI of a role by identifier; the planner made every role one the project has. */
function roleUri(context: UserWriteContext, role: string | undefined): string {
  const uri = role === undefined ? undefined : context.live.roles.get(role)
  if (uri === undefined)
    throw notSent('POST', context.paths.projectUsers, `the project has no role ${JSON.stringify(role ?? '')}`)
  return uri
}

/** What went through, for the writes that follow in this run: a member's status, a new member. */
function remember(live: LiveProject, change: ProjectUserChange, uri: string): void {
  const key = change.id.toLowerCase()
  const member = live.users.get(key)
  if (change.action === 'create' && !member)
    live.users.set(key, { login: change.id, uri, status: 'ENABLED', roleUris: [] })
  if (member && (change.action === 'enable' || change.action === 'disable'))
    member.status = change.action === 'enable' ? 'ENABLED' : 'DISABLED'
}

function keepApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  throw error
}
