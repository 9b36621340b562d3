import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { StoredUser, StoredUserGroup } from '../emulators/gooddata-cloud/organization-state.js'

/** One recorded request and its answer. */
export interface Interaction {
  readonly request: {
    readonly method: string
    readonly uri: string
    readonly body: unknown
    readonly headers: Record<string, string[]>
  }
  readonly response: {
    readonly status: { code: number }
    readonly headers: Record<string, string[]>
    readonly body: { string: unknown }
  }
}

export const cassetteDir = join(import.meta.dirname, '..', 'fixtures', 'gooddata-cloud', 'cassettes')

export function readCassette(name: string): Interaction[] {
  return (
    parse(readFileSync(join(cassetteDir, name), 'utf8'), { maxAliasCount: -1 }) as { interactions: Interaction[] }
  ).interactions
}

/** The organization the cassettes were recorded against, as read from its recorded lists. */
export function recordedOrganization(): { users: StoredUser[]; userGroups: StoredUserGroup[] } {
  type Listed = {
    id: string
    attributes: Record<string, string>
    relationships?: Record<string, { data: { id: string }[] }>
  }
  const list = (name: string) => (readCassette(name)[0]!.response.body.string as { data: Listed[] }).data
  return {
    users: list('list_users.yaml').map((user) => ({
      id: user.id,
      attributes: user.attributes,
      userGroups: (user.relationships?.['userGroups']?.data ?? []).map((link) => link.id),
    })),
    userGroups: list('list_user_groups.yaml').map((group) => ({
      id: group.id,
      attributes: group.attributes,
      parents: (group.relationships?.['parents']?.data ?? []).map((link) => link.id),
    })),
  }
}
