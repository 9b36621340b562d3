import { DATA_SOURCE_TYPES } from './data-source-records.js'
import { RequestRejected } from './problem-answers.js'

/** The id rule of every entity and assignee (idPathParameter, AssigneeIdentifier.id). */
export const ID_PATTERN = /^(?!\.)[.A-Za-z0-9_-]{1,255}$/

/** One attribute's rule, from the entity's JsonApi…In schema. */
type Rule =
  | { readonly kind: 'string'; readonly max: number; readonly pattern?: RegExp; readonly oneOf?: readonly string[] }
  | { readonly kind: 'boolean' | 'integer' | 'object' }
  | { readonly kind: 'strings'; readonly max: number }
  | { readonly kind: 'nameValuePairs' }

type Rules = Readonly<Record<string, Rule & { readonly nullable?: boolean }>>

const text = (max: number, more: { pattern?: RegExp; oneOf?: readonly string[] } = {}) =>
  ({ kind: 'string', max, ...more }) as const
const nullable = <R extends Rule>(rule: R) => ({ ...rule, nullable: true })

/** The entity kinds the emulator writes, by their JSON:API type. */
export type EntityKind = 'user' | 'userGroup' | 'workspace' | 'dataSource'

/** Each kind's attributes: JsonApiUserIn, JsonApiUserGroupIn, JsonApiWorkspaceIn, JsonApiDataSourceIn. */
export const ATTRIBUTE_RULES: Readonly<Record<EntityKind, Rules>> = {
  user: {
    authenticationId: text(255),
    email: text(255),
    firstname: text(255),
    lastname: text(255),
    systemAccount: { kind: 'boolean' },
  },
  userGroup: { name: text(255) },
  workspace: {
    name: nullable(text(255)),
    description: nullable(text(255)),
    earlyAccess: nullable(text(255)),
    earlyAccessValues: nullable({ kind: 'strings', max: 255 }),
    prefix: nullable(text(255, { pattern: ID_PATTERN })),
    cacheExtraLimit: { kind: 'integer' },
    dataSource: { kind: 'object' },
  },
  dataSource: {
    name: text(255),
    type: text(255, { oneOf: DATA_SOURCE_TYPES }),
    schema: text(255),
    url: nullable(text(255)),
    username: nullable(text(255)),
    password: nullable(text(255)),
    token: nullable(text(10_000)),
    privateKey: nullable(text(15_000)),
    privateKeyPassphrase: nullable(text(255)),
    clientId: nullable(text(255)),
    clientSecret: nullable(text(255)),
    parameters: nullable({ kind: 'nameValuePairs' }),
    cacheStrategy: nullable(text(255, { oneOf: ['ALWAYS', 'NEVER'] })),
    authenticationType: nullable(
      text(255, { oneOf: ['USERNAME_PASSWORD', 'TOKEN', 'KEY_PAIR', 'CLIENT_SECRET', 'OIDC_PASSTHROUGH'] }),
    ),
    alternativeDataSourceId: nullable(text(255, { pattern: ID_PATTERN })),
    dateTimeSemantics: nullable(text(255, { oneOf: ['LOCAL', 'UTC'] })),
    cacheRetention: nullable({ kind: 'object' }),
  },
}

/** Attributes a create or a full replace must carry (JsonApiDataSourceIn.attributes.required). */
export const REQUIRED_ATTRIBUTES: Readonly<Record<EntityKind, readonly string[]>> = {
  user: [],
  userGroup: [],
  workspace: [],
  dataSource: ['name', 'schema', 'type'],
}

/**
 * The attributes of a write, checked against the kind's rules; `null` (where the description
 * allows it) is kept, to clear the attribute. Attributes the description does not name are left
 * out: its schemas do not forbid more properties, and the server's JSON reader ignores them.
 */
export function readAttributes(kind: EntityKind, raw: Record<string, unknown>): Record<string, unknown> {
  const rules = ATTRIBUTE_RULES[kind]
  const read: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined
    if (!rule) continue
    if (value === null && !rule.nullable) throw new RequestRejected(400, `"${key}" cannot be null.`)
    if (value !== null) checkValue(key, value, rule)
    read[key] = value
  }
  return read
}

function checkValue(key: string, value: unknown, rule: Rule): void {
  const problem = problemOf(value, rule)
  if (problem) throw new RequestRejected(400, `"${key}" must be ${problem}.`)
}

function problemOf(value: unknown, rule: Rule): string | undefined {
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string' || value.length > rule.max) return `a string of at most ${rule.max} characters`
      if (rule.pattern && !rule.pattern.test(value)) return `a string matching ${rule.pattern.source}`
      if (rule.oneOf && !rule.oneOf.includes(value)) return `one of ${rule.oneOf.join(', ')}`
      return undefined
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean'
    case 'integer':
      return Number.isInteger(value) ? undefined : 'an integer'
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'an object'
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length <= rule.max)
        ? undefined
        : `a list of strings of at most ${rule.max} characters`
    case 'nameValuePairs':
      return Array.isArray(value) &&
        value.every((item) => typeof item?.name === 'string' && typeof item?.value === 'string')
        ? undefined
        : 'a list of {name, value} strings'
  }
}
