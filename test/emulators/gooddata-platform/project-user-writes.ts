import type { RouteAnswer } from '../shared/route-answer.js'
import { malformed, perlError } from './answer-format.js'
import type { Membership, PlatformState, UserStatus } from './platform-state.js'
import { roleById } from './role-catalog.js'

/** The recorded message for a user who cannot be added (project_users_add_failed_unknown_user.yaml). */
const NO_SUCH_USER = "Cannot add user to project. User doesn't exist"

/** One item of `{"users": [{"user": ...}]}` or the single `{"user": ...}` form (wire facts §A4.2). */
interface Item {
  readonly uri: string
  readonly status?: UserStatus
  readonly roleUris?: readonly string[]
}

/**
 * `POST /gdc/projects/{pid}/users`: adds members, replaces their roles (no merge), enables and
 * disables them. Always 200 with `successful` (the URIs as sent, the login form too) and `failed`
 * items (wire facts §A4.2). The batch is refused as a whole with 403 when it would leave no
 * ENABLED holder of adminRole (wire facts §C G3), so nothing of it is applied.
 */
export function writeProjectUsers(state: PlatformState, body: unknown, caller: string): RouteAnswer {
  const items = readItems(body)
  if (typeof items === 'string') return malformed(items)
  const planned = new Map<string, Pick<Membership, 'roles' | 'status'>>()
  const successful: string[] = []
  const failed: { user: string; message: string }[] = []
  for (const item of items) {
    const profile = state.profileByUri(item.uri)
    const current = profile && (planned.get(profile.id) ?? state.members.get(profile.id))
    // Only users of the project's own domain can be added directly (wire facts §A4.2); assumption:
    // anyone else is answered as a user that does not exist, the one message recorded.
    if (!profile || (!current && profile.domain !== state.domain)) {
      failed.push({ user: item.uri, message: NO_SUCH_USER })
      continue
    }
    const roles = item.roleUris === undefined ? current?.roles : roleNumbers(state.project, item.roleUris)
    // Our messages: neither case was ever recorded.
    if (roles === 'unknown')
      failed.push({
        user: item.uri,
        message: `Cannot add user to project. Unknown role in ${JSON.stringify(item.roleUris)}`,
      })
    else if (!roles || roles.length === 0)
      failed.push({ user: item.uri, message: 'Cannot add user to project. User has no role in the project' })
    else {
      planned.set(profile.id, { roles, status: item.status ?? current?.status ?? 'ENABLED' })
      successful.push(item.uri)
    }
  }
  if (state.losesLastAdmin(planned)) return lastAdmin()
  applyPlan(state, planned, caller)
  return { status: 200, body: { projectUsersUpdateResult: { successful, failed } } }
}

/** 403 for taking away the project's last enabled admin; the Perl family, as other project errors (ours). */
export function lastAdmin(): RouteAnswer {
  return perlError(
    403,
    'GDC::Exception::Forbidden',
    'The project must keep at least one enabled user with the role %s.',
    ['adminRole'],
  )
}

function applyPlan(
  state: PlatformState,
  planned: ReadonlyMap<string, Pick<Membership, 'roles' | 'status'>>,
  caller: string,
): void {
  for (const [id, { roles, status }] of planned) {
    const member = state.members.get(id)
    if (!member) {
      const at = state.now()
      state.members.set(id, { roles, status, created: at, updated: at, author: caller })
    } else {
      Object.assign(member, { roles, status, updated: state.now() })
    }
  }
}

function roleNumbers(project: string, uris: readonly string[]): number[] | 'unknown' {
  const numbers = uris.map((uri) => /^\/gdc\/projects\/([^/]+)\/roles\/(\d+)$/.exec(uri))
  if (numbers.some((match) => !match || match[1] !== project || !roleById(Number(match[2])))) return 'unknown'
  return [...new Set(numbers.map((match) => Number(match![2])))]
}

function readItems(body: unknown): Item[] | string {
  const sent = body as { users?: unknown; user?: unknown } | undefined
  const list = Array.isArray(sent?.users) ? sent.users : sent?.user !== undefined ? [{ user: sent.user }] : undefined
  if (!list) return 'Expected {"users": [{"user": {...}}]} or {"user": {...}}.'
  const items: Item[] = []
  for (const entry of list) {
    const user = (entry as { user?: { content?: Record<string, unknown>; links?: { self?: unknown } } } | null)?.user
    const uri = user?.links?.self
    if (typeof uri !== 'string') return 'Each user needs "links": {"self": a profile URI}.'
    const { status, userRoles } = user?.content ?? {}
    if (status !== undefined && status !== 'ENABLED' && status !== 'DISABLED')
      return '"content.status" must be ENABLED or DISABLED.'
    if (userRoles !== undefined && !(Array.isArray(userRoles) && userRoles.every((role) => typeof role === 'string')))
      return '"content.userRoles" must be a list of role URIs.'
    items.push({
      uri,
      ...(status === undefined ? {} : { status }),
      ...(userRoles === undefined ? {} : { roleUris: userRoles as string[] }),
    })
  }
  return items
}
