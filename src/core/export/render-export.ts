import { CONFIG_KINDS } from '../config/config-kinds.js'
import type { TargetProfile } from '../targets/target-profile.js'
import type { ActualState, ActualUser, ActualUserGroup } from '../model/actual-state.js'
import { chooseExportable, patternFor, type Excluded } from './choose-exportable.js'
import { nameUserFiles } from './name-user-files.js'
import { splitDeclarable, type ScopedPermissions } from '../model/scoped-permissions.js'
import { writeDoubleQuoted, writeYamlFlowList as list, writeYamlScalar } from './write-yaml-scalar.js'

export type ExportLayout = 'single' | 'per-group'

/** The files of an exported config tree, by path relative to the config folder, and what was left out. */
export interface ExportedTree {
  readonly files: ReadonlyMap<string, string>
  readonly excluded: readonly Excluded[]
}

/**
 * Where editors find the schemas: an exported tree lives in the user's repository, which has no
 * `schemas/` folder, so the comment points at this repository's copy at the major tag users pin.
 */
/** Where export writes the JSON Schemas, beside the config: the files' schema comments resolve in an editor at once. */
export const SCHEMA_FOLDER = 'schemas'

type SchemaName = 'users' | 'groups' | 'provisioning'

/** The target's profile and host, written as `target`, and whether users go in one file or one per first group. */
export interface RenderExportOptions {
  readonly profile: TargetProfile
  readonly host: string
  /** The rest of provisioning.yaml's target (the legacy platform's domain and project), as given to export. */
  readonly target?: { readonly domain?: string; readonly project?: string }
  readonly layout: ExportLayout
}

/** The organization as a config tree that validates, and that plans to no changes against the same organization. */
export function renderExport(actual: ActualState, options: RenderExportOptions): ExportedTree {
  const { users, userGroups, excluded } = chooseExportable(actual, options.profile)
  const userEntry = (user: ActualUser) => renderUserEntry(user, options.profile)
  const files = new Map<string, string>()
  const sortedUsers = [...users].sort(byId)
  const groupList = [...userGroups].sort(byId).map(groupEntry).join('')
  const groupsNote = excludedNote(excluded, 'userGroup')
  files.set('groups.yaml', `${header('groups')}${groupsNote}user_groups:${empty(userGroups)}\n${groupList}`)
  if (options.layout === 'single') {
    const userList = sortedUsers.map(userEntry).join('')
    files.set('users.yaml', `${header('users')}${excludedNote(excluded, 'user')}users:${empty(users)}\n${userList}`)
  } else {
    const note = '# Users are in users/, one file per first group.\n'
    files.set('users.yaml', `${header('users')}${excludedNote(excluded, 'user')}${note}users: []\n`)
    for (const [path, text] of renderUsersByGroup(sortedUsers, userEntry)) files.set(path, text)
  }
  files.set('provisioning.yaml', renderProvisioning(actual, excluded, options))
  for (const kind of ['users', 'groups', 'provisioning'] as const)
    files.set(`${SCHEMA_FOLDER}/${kind}.schema.json`, `${JSON.stringify(CONFIG_KINDS[kind].schema, null, 2)}\n`)
  return { files, excluded }
}

/** `users/<stem>.yaml` per first group, in the order of the group ids. */
function renderUsersByGroup(
  sortedUsers: readonly ActualUser[],
  userEntry: (user: ActualUser) => string,
): [string, string][] {
  const byGroup = new Map<string | undefined, ActualUser[]>()
  for (const user of sortedUsers) {
    const first = user.userGroups[0]
    const members = byGroup.get(first)
    if (members) members.push(user)
    else byGroup.set(first, [user])
  }
  const stems = nameUserFiles([...byGroup.keys()])
  return [...byGroup]
    .sort(([a], [b]) => compareGroupKeys(a, b))
    .map(
      ([group, members]) =>
        [
          `users/${stems.get(group)}.yaml`,
          `${header('users', '../')}users:\n${members.map(userEntry).join('')}`,
        ] as const,
    )
}

function renderProvisioning(
  actual: ActualState,
  excluded: readonly Excluded[],
  { profile, host, target }: RenderExportOptions,
): string {
  const protectedIds = (kind: Excluded['kind']) =>
    [...new Set(actual.protectedIds.filter((item) => item.kind === kind).map((item) => item.id))].sort()
  const unmanaged = (kind: Excluded['kind']) =>
    [...new Set(excluded.filter((item) => item.kind === kind).map((item) => patternFor(item.id)))].sort()
  return [
    header('provisioning').trimEnd(),
    'target:',
    `  type: ${profile.type}`,
    `  host: ${writeYamlScalar(host, 'block')}`,
    ...Object.entries(target ?? {}).map(([key, value]) => `  ${key}: ${writeYamlScalar(value, 'block')}`),
    'load: full',
    `protected:   # ${profile.automaticProtections}, as found at export`,
    `  users: ${list(protectedIds('user'))}`,
    `  user_groups: ${list(protectedIds('userGroup'))}`,
    'unmanaged:   # what the config cannot declare as it is; see the comments in users.yaml and groups.yaml',
    `  users: ${list(unmanaged('user'))}`,
    `  user_groups: ${list(unmanaged('userGroup'))}`,
    '',
  ].join('\n')
}

function renderUserEntry(user: ActualUser, profile: TargetProfile): string {
  const lines = [`  - user_id: ${writeYamlScalar(user.id, 'block')}`]
  for (const { key, config } of profile.userValueFields) {
    const value = user[key]
    if (value !== undefined) lines.push(`    ${config}: ${writeYamlScalar(value, 'block')}`)
  }
  if (user.userGroups.length > 0) lines.push(`    user_groups: ${list(user.userGroups)}`)
  if (profile.permissions && user.permissions?.length) lines.push(`    permissions: ${list(user.permissions)}`)
  lines.push(...scopedPermissionLines(user.scopedPermissions))
  // A disabled user (the legacy platform) is declared as one that must not have access: a plan keeps it disabled.
  if (user.disabled) lines.push('    is_active: false')
  return `${lines.join('\n')}\n`
}

function groupEntry(group: ActualUserGroup): string {
  const lines = [`  - user_group_id: ${writeYamlScalar(group.id, 'block')}`]
  if (group.name !== undefined && group.name !== group.id) {
    lines.push(`    user_group_name: ${writeYamlScalar(group.name, 'block')}`)
  }
  if (group.parents.length > 0) lines.push(`    parent_user_groups: ${list(group.parents)}`)
  if (group.permissions?.length) lines.push(`    permissions: ${list(group.permissions)}`)
  lines.push(...scopedPermissionLines(group.scopedPermissions))
  return `${lines.join('\n')}\n`
}

/** GoodData Cloud's permissions on workspaces and data sources, as the config declares them; none: nothing. */
function scopedPermissionLines(all: ScopedPermissions | undefined): string[] {
  const lines: string[] = []
  // What a config cannot declare is left out: a plan keeps it as it is.
  const held = all && splitDeclarable(all).declarable
  if (held?.workspaces.length) {
    lines.push('    workspace_permissions:')
    for (const { id, permissions, hierarchy } of held.workspaces) {
      const value =
        hierarchy.length === 0
          ? list(permissions)
          : `{ ${permissions.length > 0 ? `permissions: ${list(permissions)}, ` : ''}hierarchy: ${list(hierarchy)} }`
      lines.push(`      ${writeYamlScalar(id, 'block')}: ${value}`)
    }
  }
  if (held?.dataSources.length) {
    lines.push('    data_source_permissions:')
    for (const { id, permissions } of held.dataSources)
      lines.push(`      ${writeYamlScalar(id, 'block')}: ${list(permissions)}`)
  }
  return lines
}

function header(schema: SchemaName, up = ''): string {
  return `# yaml-language-server: $schema=${up}${SCHEMA_FOLDER}/${schema}.schema.json\n`
}

function excludedNote(excluded: readonly Excluded[], kind: Excluded['kind']): string {
  return excluded
    .filter((item) => item.kind === kind)
    .map((item) => `# not managed: ${oneLine(item.id)}: ${oneLine(item.reason)}\n`)
    .join('')
}

function empty(items: readonly unknown[]): string {
  return items.length === 0 ? ' []' : ''
}

/** Text that stays on its comment line, whatever line breaks or controls it holds. */
function oneLine(text: string): string {
  return writeDoubleQuoted(text).slice(1, -1)
}

/** Group ids in code unit order; users without a group last. */
function compareGroupKeys(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  return a < b ? -1 : 1
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
