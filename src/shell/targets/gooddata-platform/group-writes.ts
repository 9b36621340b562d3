import type { AppliedChange, AppliedOutcome } from '../target.js'
import { ApiError } from '../../http/api-error.js'
import { checkedBody } from '../../http/checked-answer.js'
import type { HttpClient } from '../../http/http-client.js'
import { bodyOf } from '../../http/shape.js'
import { readGroups } from './platform-lists.js'
import type { ReadPagesOptions } from './read-pages.js'
import type { LiveProject } from './read-project.js'
import { CREATED_GROUP, GROUP_URI, type PlatformPaths } from './wire.js'
import { modifyMembers, newGroup, renamedGroup } from './write-bodies.js'

/** What group writes need: the client, where things are, what the read found. */
export interface GroupWriteContext {
  readonly client: HttpClient
  readonly paths: PlatformPaths
  readonly project: string
  readonly live: LiveProject
  readonly lists: ReadPagesOptions
}

/**
 * A new group; its URI is the reference its member changes name (201 `{uri}`, no Location, wire
 * facts §A6). A 409 says a group of that name exists (wire facts §C G7): made since the plan, or
 * by an earlier try of this POST. It is looked up by name and taken as it is.
 */
export async function createGroup(context: GroupWriteContext, name: string): Promise<AppliedChange> {
  const path = context.paths.groups
  const answer = await context.client.request({
    method: 'POST',
    path,
    body: newGroup(name, context.paths.project),
    expect: [409],
  })
  if (answer.status !== 409) {
    const { uri } = checkedBody<{ uri: string }>({ method: 'POST', path }, answer, bodyOf(CREATED_GROUP))
    return { outcome: 'applied', ref: uri }
  }
  const existing = (await readGroups(context.client, context.paths, context.project, context.lists)).find(
    (group) => group.userGroup.content.name.toLowerCase() === name.toLowerCase(),
  )
  if (!existing) {
    const detail = 'the platform says a group of that name exists, and none is listed; plan again'
    throw new ApiError({
      status: answer.status,
      method: 'POST',
      path,
      traceId: answer.traceId,
      detail,
      attempts: answer.attempts,
    })
  }
  return { outcome: 'already-applied', ref: existing.userGroup.links.self }
}

/** A new name: the content as read sent back with it (wire facts §A6: 204). */
export async function renameGroup(
  context: GroupWriteContext,
  id: string,
  uri: string,
  name: string,
): Promise<AppliedOutcome> {
  const content = context.live.groups.get(id)?.content ?? {
    id: GROUP_URI.exec(uri)?.[1],
    project: context.paths.project,
  }
  await context.client.request({ method: 'PUT', path: uri, body: renamedGroup(content, name) })
  return 'applied'
}

/** 204; a group gone already (404) is what the plan wanted (wire facts §C G4). */
export async function deleteGroup(context: GroupWriteContext, uri: string): Promise<AppliedOutcome> {
  const answer = await context.client.request({ method: 'DELETE', path: uri, expect: [404] })
  return answer.status === 404 ? 'already-applied' : 'applied'
}

/** Adds or removes members of one group in one request (wire facts §A6: 204); never SET. */
export async function changeMembers(
  context: GroupWriteContext,
  uri: string,
  operation: 'ADD' | 'REMOVE',
  profileUris: readonly string[],
): Promise<void> {
  await context.client.request({
    method: 'POST',
    path: `${uri}/modifyMembers`,
    body: modifyMembers(operation, profileUris),
  })
}
