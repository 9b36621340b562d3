import type { Change } from '../../../core/model/change.js'
import { ApiError } from '../../http/api-error.js'
import { fieldProblem, isJsonObject } from '../../http/checked-answer.js'
import type { ApiResponse, HttpClient } from '../../http/http-client.js'
import type { AppliedChange } from '../target.js'
import { answerError, readBatchResults, unknownOutcome, type ItemResult, type Printable } from './batch-results.js'
import { PATHS } from './wire.js'
import { inviteItem, provisionItem } from './write-bodies.js'

export type CreateUser = Extract<Change, { action: 'create'; kind: 'user' }>

/** How new users join the domain. */
export type UserCreation = { readonly by: 'invite' } | { readonly by: 'provision'; readonly identityProvider: string }

/**
 * Invites or provisions users in one request, without groups (memberships follow as member
 * changes). What comes back for each is the username the server gave it, the reference the
 * member changes of the same apply then use: an invite derives it from the e-mail, so it may
 * differ from the declared id.
 */
export async function createUsers(
  client: HttpClient,
  changes: readonly CreateUser[],
  how: UserCreation,
  printable: Printable,
): Promise<(AppliedChange | ApiError)[]> {
  if (how.by === 'invite') {
    const path = PATHS.invite
    const body = changes.map((change) => inviteItem(change.after))
    const answer = await client.request({ method: 'POST', path, body })
    return readBatchResults(path, answer, changes.length, printable).map((result, index) =>
      created(path, answer, result, index),
    )
  }
  const path = PATHS.provision
  const items = changes.map((change) => provisionItem(change.id, change.after, how.identityProvider))
  // The description calls provision bulk and answers index-keyed, yet types its body as one
  // object: send the list, and if that is refused as invalid, each item alone (wire facts §C O1).
  const answer = await client.request({ method: 'POST', path, body: items, expect: [400] })
  if (answer.status !== 400)
    return readBatchResults(path, answer, changes.length, printable).map((result, index) =>
      created(path, answer, result, index),
    )
  if (!isValidationError(answer.body)) throw answerError('POST', path, answer, printable)
  return Promise.all(items.map((item) => provisionOne(client, item, printable)))
}

/** Adds users to one group in one request; `usernames` in the order of the changes. */
export async function addMembers(
  client: HttpClient,
  uid: string,
  usernames: readonly string[],
  printable: Printable,
): Promise<(AppliedChange | ApiError)[]> {
  const path = PATHS.memberBatch(uid)
  const answer = await client.request({ method: 'POST', path, body: usernames.map((username) => ({ username })) })
  return readBatchResults(path, answer, usernames.length, printable).map((result) =>
    result instanceof ApiError ? result : { outcome: 'applied' },
  )
}

/** One user provisioned alone, after the list was refused: its failure is its own. */
async function provisionOne(client: HttpClient, item: object, printable: Printable): Promise<AppliedChange | ApiError> {
  const path = PATHS.provision
  try {
    const answer = await client.request({ method: 'POST', path, body: item })
    return created(path, answer, readBatchResults(path, answer, 1, printable)[0]!, 0)
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
}

/** A created user's result: applied, with the username the server answered as the reference and the id the config names it by. */
function created(path: string, answer: ApiResponse, result: ItemResult, index: number): AppliedChange | ApiError {
  if (result instanceof ApiError) return result
  const name = isJsonObject(result.data) ? result.data['username'] : undefined
  if (typeof name === 'string' && name !== '') return { outcome: 'applied', ref: name, key: name }
  // Created, but under a name this cannot tell: its member changes must not guess it.
  return unknownOutcome(
    path,
    answer,
    fieldProblem(`${index}.data.username`, 'a non-empty string', isJsonObject(result.data) ? name : result.data),
  )
}

function isValidationError(body: unknown): boolean {
  return isJsonObject(body) && body['error_code'] === 'validation_error'
}
