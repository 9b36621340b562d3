import { appendAll } from '../model/append-all.js'
import type { DeclaredUser, DeclaredUserGroup, DesiredState } from '../model/entities.js'
import { sortProblems, type Problem } from '../model/problem.js'
import { buildUserGroups, buildUsers, type Declared } from './build-entities.js'
import { checkDeclarations } from './check-declarations.js'
import { checkSchema } from './check-schema.js'
import { checkPermissionNames, checkTargetSettings } from './check-target-rules.js'
import type { ConfigKind } from './config-kinds.js'
import { locate, parseYamlFile, type ConfigSource, type ParsedFile } from './parse-yaml-file.js'
import { checkHost } from '../model/host.js'
import { readSettings } from './read-settings.js'
import { TARGET_PROFILES } from '../targets/profiles.js'

/** A file of the config tree: its path relative to the config folder, and how it is reported. */
export interface ConfigFile extends ConfigSource {
  readonly relativePath: string
}

export type LoadResult =
  | { readonly ok: true; readonly state: DesiredState }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly files: readonly string[] }

/**
 * Which kind of config file a path inside the config folder is, or undefined when it is
 * not one: users.yaml, users/**\/*.yaml, groups.yaml, groups/**\/*.yaml, provisioning.yaml
 * (.yml works too).
 */
export function classifyConfigPath(relativePath: string): ConfigKind | undefined {
  const path = relativePath.replaceAll('\\', '/')
  if (!/\.ya?ml$/.test(path)) return undefined
  if (/^users\.ya?ml$/.test(path) || path.startsWith('users/')) return 'users'
  if (/^groups\.ya?ml$/.test(path) || path.startsWith('groups/')) return 'groups'
  if (/^provisioning\.ya?ml$/.test(path)) return 'provisioning'
  return undefined
}

/** Files → parsed, schema-checked, cross-checked desired state; or every problem found. */
export function loadConfig(files: readonly ConfigFile[], earlierProblems: readonly Problem[] = []): LoadResult {
  const ordered = [...files].sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  )
  const problems: Problem[] = [...earlierProblems]
  const users: Declared<DeclaredUser>[] = []
  const userGroups: Declared<DeclaredUserGroup>[] = []
  let settingsFile: ParsedFile | undefined
  let settingsValid = true
  let settingsPath: string | undefined
  // Groups that are declared but could not be read still count as declared, so that a
  // broken groups entry is reported once, not again at every user that references it.
  const unreadableGroups = new Set<string>()
  let allGroupsRead = true
  for (const source of ordered) {
    const kind = classifyConfigPath(source.relativePath)
    if (kind === undefined) continue
    if (kind === 'provisioning' && settingsPath !== undefined) {
      // Two settings files would each name a target: which one wins must not depend on sort order.
      problems.push({
        file: source.path,
        line: 1,
        column: 1,
        message: `${settingsPath} is the settings file already; keep one of provisioning.yaml and provisioning.yml`,
      })
      continue
    }
    if (kind === 'provisioning') settingsPath = source.path
    const parsed = parseYamlFile(source, ID_KEYS[kind])
    appendAll(problems, parsed.problems)
    const file = parsed.file
    if (!file || file.value === null || file.value === undefined) {
      if (file) problems.push({ file: file.path, line: 1, column: 1, message: emptyFileMessage(kind) })
      if (kind === 'groups') allGroupsRead = false
      continue
    }
    const schema = checkSchema(file, kind)
    appendAll(problems, schema.problems)
    if (kind === 'provisioning') {
      settingsFile = file
      settingsValid = schema.problems.length === 0
    } else if (kind === 'users') {
      appendAll(users, buildUsers(file, schema.invalidItems))
    } else {
      appendAll(userGroups, buildUserGroups(file, schema.invalidItems))
      const list = (file.value as { user_groups?: unknown }).user_groups
      if (!Array.isArray(list)) allGroupsRead = false
      for (const index of schema.invalidItems) {
        const id = (list as { user_group_id?: unknown }[] | undefined)?.[index]?.user_group_id
        if (typeof id === 'string') unreadableGroups.add(id)
      }
    }
  }
  const settings = readSettings(settingsValid ? settingsFile?.value : salvageTargetType(settingsFile?.value))
  const hostCheck = settings.target.host === undefined ? undefined : checkHost(settings.target.host)
  if (settingsFile && hostCheck && !hostCheck.ok)
    problems.push({ ...locate(settingsFile, ['target', 'host']), message: `target.${hostCheck.reason}` })
  if (settingsValid) appendAll(problems, checkTargetSettings(settingsFile, settings))
  const declarations = {
    users,
    userGroups,
    target: settings.target.type,
    load: settings.load,
    unreadableGroups,
    allGroupsRead,
  }
  appendAll(problems, checkDeclarations(declarations))
  const paths = ordered.filter((file) => classifyConfigPath(file.relativePath) !== undefined).map((file) => file.path)
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), files: paths }
  return {
    ok: true,
    state: {
      users: users.map((item) => item.entity),
      userGroups: userGroups.map((item) => item.entity),
      settings,
      files: paths,
      warnings: sortProblems(checkPermissionNames(declarations)),
    },
  }
}

/** The key of each list item's id, whose places the reader notes as it reads. */
const ID_KEYS: Record<ConfigKind, string | undefined> = {
  users: 'user_id',
  groups: 'user_group_id',
  provisioning: undefined,
}

function emptyFileMessage(kind: ConfigKind): string {
  if (kind === 'provisioning') return 'the file is empty; remove it, or add settings such as "load: full"'
  const key = kind === 'users' ? 'users' : 'user_groups'
  return `the file is empty; it should hold "${key}:" with a list (write "${key}: []" for none)`
}

/**
 * From a settings file with problems, the target type alone when it is a known one: the other files
 * are then checked by that target's rules, not buried under a default target's.
 */
function salvageTargetType(value: unknown): unknown {
  const type = (value as { target?: { type?: unknown } } | undefined)?.target?.type
  return typeof type === 'string' && Object.hasOwn(TARGET_PROFILES, type) ? { target: { type } } : undefined
}
