import type { ErrorObject } from 'ajv'
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js'
import type { PathSegment } from './parse-yaml-file.js'
import { didYouMean } from './suggest-closest.js'
import { describeHostInput } from '../model/host.js'

/** What to say about one schema error, and which node to point at. */
export interface DescribedError {
  readonly message: string
  readonly path: readonly PathSegment[]
  readonly target: 'key' | 'value'
}

const ID_RULE = 'use 1 to 255 characters from A-Z a-z 0-9 . _ -, not starting with "."'
const USER_ID_RULE =
  'use 1 to 255 characters from A-Z a-z 0-9 . _ - (and @ + for Opendatasoft and legacy GoodData Platform logins), not starting with "."'

/** True when a parent `anyOf` error already says what this branch error would. */
export function isExplainedByParent(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  return all.some(
    (other) =>
      other !== error &&
      other.keyword === 'anyOf' &&
      other.instancePath === error.instancePath &&
      error.schemaPath.startsWith(`${other.schemaPath}/`),
  )
}

/**
 * Turns an ajv error into a sentence that names the field, the value, and what to write instead.
 * `source` is the value as written when YAML read it as a number or boolean (`0o17` is 15).
 */
export function describeSchemaError(
  error: ErrorObject,
  path: readonly PathSegment[],
  kind: ConfigKind,
  source?: string,
): DescribedError {
  const field = fieldName(path, kind)
  const value: unknown = error.data
  const at = (message: string, target: 'key' | 'value' = 'value', where = path): DescribedError => ({
    message,
    path: where,
    target,
  })
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty'])
      const known = Object.keys((error.parentSchema?.['properties'] as object | undefined) ?? {})
      const otherKind = path.length === 0 ? misplacedList(key, kind) : undefined
      const hint = otherKind ?? (didYouMean(key, known) || `; allowed keys: ${known.join(', ')}`)
      return at(`unknown key ${q(key)} in ${where(path, kind)}${hint}`, 'key', [...path, key])
    }
    case 'required': {
      const key = String(params['missingProperty'])
      if (path.length === 0)
        return at(`missing ${q(`${key}:`)} at the top level; ${kind} files hold ${describeTop(kind)}`)
      return at(`${where(path, kind)} is missing the required key ${q(key)}`)
    }
    case 'type':
      return at(describeType(field, value, String(params['type']), path, kind, source))
    case 'pattern':
      return at(describePattern(field, String(value), error.schemaPath))
    case 'maxLength':
      return at(
        `${q(field)} is ${String(value).length} characters long; at most ${String(params['limit'])} are allowed`,
      )
    case 'minLength':
      return at(`${q(field)} must not be empty`)
    case 'anyOf':
      return at(
        field === 'email'
          ? `${q(String(value))} is not a valid email address`
          : `${q(field)} has an invalid value ${typeof value === 'object' && value !== null ? describeValue(value) : q(String(value))}`,
      )
    case 'uniqueItems': {
      const later = Math.max(Number(params['i']), Number(params['j']))
      const list = Array.isArray(value) ? value : []
      return at(`${q(String(list[later]))} is listed twice in ${q(field)}`, 'value', [...path, later])
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String)
      const hint = didYouMean(String(value), allowed) || `; use one of: ${allowed.join(', ')}`
      return at(`${q(String(value))} is not ${enumName(error.schemaPath, field)}${hint}`)
    }
    case 'minimum':
    case 'maximum': {
      const limits = error.parentSchema as { minimum?: number; maximum?: number }
      const range =
        limits.maximum === undefined ? `at least ${limits.minimum}` : `between ${limits.minimum} and ${limits.maximum}`
      return at(`${q(field)} must be ${range}, not ${String(value)}`)
    }
    default:
      return at(`${q(field)} ${error.message ?? 'is invalid'}`)
  }
}

/** What an enum's values are: GoodData Cloud's permission names are named as such, not by their workspace's id. */
function enumName(schemaPath: string, field: string): string {
  if (schemaPath.includes('/definitions/workspacePermission/')) return 'a workspace permission'
  if (schemaPath.includes('/definitions/dataSourcePermission/')) return 'a data source permission'
  return `a valid ${q(field)}`
}

function describeType(
  field: string,
  value: unknown,
  expected: string,
  path: readonly PathSegment[],
  kind: ConfigKind,
  source?: string,
): string {
  if (path.length === 0) {
    return `the top level must be a mapping holding ${describeTop(kind)}, not ${describeValue(value)}`
  }
  const wanted =
    {
      string: 'a string',
      boolean: 'true or false',
      array: 'a list',
      object: 'a mapping of keys',
      integer: 'a whole number',
      number: 'a number',
    }[expected] ?? expected
  let hint = ''
  const written = source !== undefined && source !== String(value) ? source : undefined
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    hint = `; put it in quotes: ${q(written ?? String(value))}`
  if (expected === 'boolean' && typeof value === 'string') hint = '; YAML 1.2 reads only true and false as booleans'
  if (expected === 'array' && value === null) hint = '; write [] for none, or list the entries'
  if (expected === 'object' && typeof path[path.length - 1] === 'number') {
    return `${where(path, kind)} must be a mapping like "- ${CONFIG_KINDS[kind].idKey ?? 'key'}: …", not ${describeValue(value)}`
  }
  const what =
    written === undefined
      ? describeValue(value)
      : `${describeValue(value)} (YAML 1.2 reads ${written} as ${String(value)})`
  return `${q(field)} must be ${wanted}, not ${what}${hint}`
}

function describePattern(field: string, value: string, schemaPath: string): string {
  const isUserId = schemaPath.includes('/definitions/userId/')
  if (isUserId || schemaPath.includes('/definitions/id/')) {
    if (value.length > 255)
      return `${q(`${value.slice(0, 40)}…`)} is ${value.length} characters long; ids have at most 255`
    return isUserId
      ? `${q(value)} is not a valid user id: ${USER_ID_RULE}`
      : `${q(value)} is not a valid id: ${ID_RULE}`
  }
  if (schemaPath.includes('/definitions/patternList/'))
    return `${q(value)} is not a valid id pattern: ${USER_ID_RULE}, with * and ? as wildcards`
  if (field === 'host')
    return `${describeHostInput(value)} is not a host URL; write it like https://analytics.example.com`
  if (field === 'role' || field === 'default_role') return `${q(value)} is not a role identifier like editorRole`
  if (field === 'project')
    return `${q(value)} is not a project id: lower-case letters and digits, e.g. uo936nolw6v5bbk89e2cyxv3bhns2frn`
  if (field === 'permissions')
    return `${q(value)} is not a valid permission name (lower-case words joined by _, e.g. edit_dataset)`
  return `${q(value)} is not a valid ${q(field)}: use letters, digits and . _ - only`
}

/** The field an error is about: the nearest key in the path, or the list it is an item of. */
function fieldName(path: readonly PathSegment[], kind: ConfigKind): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i]!
    if (typeof segment === 'string') return segment
  }
  return CONFIG_KINDS[kind].listKey ?? 'provisioning'
}

/** "user #3 (john.doe)"-like context for messages about one list item. */
function where(path: readonly PathSegment[], kind: ConfigKind): string {
  if (path.length === 0) return 'the top level of the file'
  if (path.length >= 2 && typeof path[1] === 'number' && CONFIG_KINDS[kind].listKey === path[0]) {
    return `${CONFIG_KINDS[kind].entity} #${path[1] + 1}${path.length > 2 ? ` (in ${q(String(path[2]))})` : ''}`
  }
  return q(String(path[path.length - 1]))
}

/** A hint when a file holds the other kind's list: users belong in users files, groups in groups files. */
function misplacedList(key: string, kind: ConfigKind): string | undefined {
  for (const other of ['users', 'groups'] as const) {
    if (other !== kind && CONFIG_KINDS[other].listKey === key)
      return `; ${CONFIG_KINDS[other].entity}s belong in ${CONFIG_KINDS[other].fileHint}`
  }
  return undefined
}

function describeTop(kind: ConfigKind): string {
  const listKey = CONFIG_KINDS[kind].listKey
  return listKey
    ? `"${listKey}:" with a list of ${CONFIG_KINDS[kind].entity}s`
    : 'settings such as "target:" and "load:"'
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the string ${q(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return `${typeof value} ${String(value)}`
}

function q(text: string): string {
  return JSON.stringify(text)
}
