import type { ActualUser, ActualUserGroup } from '../../../core/model/actual-state.js'
import { ApiError, UnexpectedAnswerError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import { getChecked } from './get-checked.js'
import { bodyProblem, isObject, layoutItemsProblem, notA } from './wire.js'

/** What the declarative layout says of users and groups, in the model's terms. */
export interface UsersAndGroups {
  readonly users: ActualUser[]
  readonly userGroups: ActualUserGroup[]
}

interface Identifier {
  readonly id: string
}

interface LayoutUser {
  readonly id: string
  readonly firstname?: string
  readonly lastname?: string
  readonly email?: string
  readonly authId?: string
  readonly systemAccount?: boolean
  readonly userGroups?: readonly Identifier[]
}

interface LayoutUserGroup {
  readonly id: string
  readonly name?: string
  readonly parents?: readonly Identifier[]
}

const TEXT_FIELDS = ['firstname', 'lastname', 'email', 'authId'] as const

/**
 * Every user and group in one request (`GET /api/v1/layout/usersAndUserGroups`), whatever the
 * organization's size; undefined where the server does not offer it (an older GoodData.CN) or its
 * answer is more than a client may hold, so the caller reads the paged entity lists instead.
 */
export async function readUsersLayout(client: HttpClient, signal: AbortSignal): Promise<UsersAndGroups | undefined> {
  let layout: { users: LayoutUser[]; userGroups: LayoutUserGroup[] }
  try {
    layout = await getChecked(client, { path: '/api/v1/layout/usersAndUserGroups', signal }, layoutProblem)
  } catch (error) {
    if (error instanceof UnexpectedAnswerError && /larger than|too large|more than/i.test(error.message))
      return undefined
    if (error instanceof ApiError && [403, 404, 405, 501].includes(error.status ?? 0)) return undefined
    throw error
  }
  return {
    users: layout.users.map((user) => {
      const fields: Record<string, string> = {}
      for (const key of TEXT_FIELDS) {
        const value = user[key]
        if (typeof value === 'string' && value !== '') fields[key] = value
      }
      // What the entity API would carry over on a full update of the user.
      const unmanaged = typeof user.systemAccount === 'boolean' ? { systemAccount: user.systemAccount } : {}
      return { id: user.id, ...fields, userGroups: ids(user.userGroups), unmanaged }
    }),
    userGroups: layout.userGroups.map((group) => ({
      id: group.id,
      ...(typeof group.name === 'string' && group.name !== '' ? { name: group.name } : {}),
      parents: ids(group.parents),
    })),
  }
}

function ids(list: readonly Identifier[] | undefined): string[] {
  if (!list || list.length === 0) return []
  return [...new Set(list.map((item) => item.id))].sort()
}

/** What is wrong with the layout's shape, or undefined; never quotes the server's text. */
function layoutProblem(body: unknown): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  for (const [list, links] of [
    ['users', 'userGroups'],
    ['userGroups', 'parents'],
  ] as const) {
    const problem = layoutItemsProblem(body, list, (item, at) => {
      for (const key of list === 'users' ? TEXT_FIELDS : (['name'] as const)) {
        const value = item[key]
        if (value !== undefined && value !== null && typeof value !== 'string')
          return notA(`${at}.${key}`, 'a string', value)
      }
      const linked = item[links]
      if (linked === undefined || linked === null) return undefined
      if (!Array.isArray(linked)) return notA(`${at}.${links}`, 'a list', linked)
      const bad = linked.findIndex((link) => !isObject(link) || typeof link['id'] !== 'string')
      return bad === -1
        ? undefined
        : notA(`${at}.${links}[${bad}].id`, 'a string', isObject(linked[bad]) ? linked[bad]['id'] : null)
    })
    if (problem !== undefined) return problem
  }
  return undefined
}
