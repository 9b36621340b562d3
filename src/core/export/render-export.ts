import type { ActualState, ActualUser, ActualUserGroup } from '../model/actual-state.js'
import { chooseExportable, patternFor, type Excluded } from './choose-exportable.js'

export type ExportLayout = 'single' | 'per-group'

/** The files of an exported config tree, by path relative to the config folder, and what was left out. */
export interface ExportedTree {
  readonly files: ReadonlyMap<string, string>
  readonly excluded: readonly Excluded[]
}

/** The organization as a config tree that validates, and that plans to no changes against the same organization. */
export function renderExport(actual: ActualState, options: { readonly host: string; readonly layout: ExportLayout }): ExportedTree {
  const { users, userGroups, excluded } = chooseExportable(actual)
  const files = new Map<string, string>()
  const sortedUsers = [...users].sort(byId)
  const header = (schema: string, depth = 0) => `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${schema}.schema.json\n`
  const excludedNote = (kind: Excluded['kind']) =>
    excluded.filter((item) => item.kind === kind).map((item) => `# not managed: ${oneLine(item.id)}: ${oneLine(item.reason)}\n`).join('')
  files.set('groups.yaml', `${header('groups')}${excludedNote('userGroup')}user_groups:${userGroups.length === 0 ? ' []' : ''}\n${[...userGroups].sort(byId).map(groupEntry).join('')}`)
  if (options.layout === 'single') {
    files.set('users.yaml', `${header('users')}${excludedNote('user')}users:${sortedUsers.length === 0 ? ' []' : ''}\n${sortedUsers.map(userEntry).join('')}`)
  } else {
    const byGroup = new Map<string, ActualUser[]>()
    for (const user of sortedUsers) {
      const file = user.userGroups[0] ?? '_no-group'
      const members = byGroup.get(file)
      if (members) members.push(user)
      else byGroup.set(file, [user])
    }
    files.set('users.yaml', `${header('users')}${excludedNote('user')}# Users are in users/, one file per first group.\nusers: []\n`)
    for (const [group, members] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
      files.set(`users/${group}.yaml`, `${header('users', 1)}users:\n${members.map(userEntry).join('')}`)
    }
  }
  const protectedIds = (kind: 'user' | 'userGroup') => [...new Set(actual.protectedIds.filter((item) => item.kind === kind).map((item) => item.id))].sort()
  const unmanaged = (kind: Excluded['kind']) => [...new Set(excluded.filter((item) => item.kind === kind).map((item) => patternFor(item.id)))].sort()
  files.set(
    'provisioning.yaml',
    [
      header('provisioning').trimEnd(),
      'target:',
      '  type: gooddata-cloud',
      `  host: ${scalar(options.host)}`,
      'load: full',
      "protected:   # the token's user and the organization's bootstrap user and group, as found at export",
      `  users: ${list(protectedIds('user'))}`,
      `  user_groups: ${list(protectedIds('userGroup'))}`,
      'unmanaged:   # what the config cannot declare as it is; see the comments in users.yaml and groups.yaml',
      `  users: ${list(unmanaged('user'))}`,
      `  user_groups: ${list(unmanaged('userGroup'))}`,
      '',
    ].join('\n'),
  )
  return { files, excluded }
}

function userEntry(user: ActualUser): string {
  const lines = [`  - user_id: ${scalar(user.id)}`]
  if (user.firstname !== undefined) lines.push(`    firstname: ${scalar(user.firstname)}`)
  if (user.lastname !== undefined) lines.push(`    lastname: ${scalar(user.lastname)}`)
  if (user.email !== undefined) lines.push(`    email: ${scalar(user.email)}`)
  if (user.authId !== undefined) lines.push(`    auth_id: ${scalar(user.authId)}`)
  if (user.userGroups.length > 0) lines.push(`    user_groups: ${list(user.userGroups)}`)
  return `${lines.join('\n')}\n`
}

function groupEntry(group: ActualUserGroup): string {
  const lines = [`  - user_group_id: ${scalar(group.id)}`]
  if (group.name !== undefined && group.name !== group.id) lines.push(`    user_group_name: ${scalar(group.name)}`)
  if (group.parents.length > 0) lines.push(`    parent_user_groups: ${list(group.parents)}`)
  return `${lines.join('\n')}\n`
}

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~|[-+]?(\.inf|\.nan|\d[\d_]*(\.\d*)?(e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.\d+(e[-+]?\d+)?))$/i

/** A YAML scalar that reads back as the same string: plain when that is safe, double-quoted JSON otherwise. */
function scalar(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value)
}

function list(values: readonly string[]): string {
  return `[${values.map(scalar).join(', ')}]`
}

function oneLine(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
