import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import type { Problem } from '../model/problem.js'
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js'
import { describeSchemaError, isExplainedByParent } from './describe-schema-error.js'
import { locate, scalarSource, type ParsedFile, type PathSegment } from './parse-yaml-file.js'
import { compileQuickCheck, type QuickCheck } from './quick-schema-check.js'

/** The formats the schemas use, as ajv checks them. */
export const SCHEMA_FORMATS = { email: fullFormats.email }

let validators: Record<ConfigKind, ValidateFunction> | undefined
const quickChecks: Partial<Record<ConfigKind, QuickCheck>> = {}

/** ajv's validators of the three kinds, which say what is wrong with a file. */
export function compileValidators(): Record<ConfigKind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true })
  for (const [name, format] of Object.entries(SCHEMA_FORMATS)) ajv.addFormat(name, format)
  return {
    users: ajv.compile(CONFIG_KINDS.users.schema),
    groups: ajv.compile(CONFIG_KINDS.groups.schema),
    provisioning: ajv.compile(CONFIG_KINDS.provisioning.schema),
  }
}

/** Schema problems of one file, and the indexes of list items that have any. */
export function checkSchema(file: ParsedFile, kind: ConfigKind): { problems: Problem[]; invalidItems: Set<number> } {
  // ajv is compiled and asked only when the quick check is not sure: it is the one that says what is wrong.
  quickChecks[kind] ??= compileQuickCheck(CONFIG_KINDS[kind].schema, SCHEMA_FORMATS)
  if (quickChecks[kind](file.value)) return { problems: [], invalidItems: new Set() }
  validators ??= compileValidators()
  const validate = validators[kind]
  if (validate(file.value)) return { problems: [], invalidItems: new Set() }
  const errors = validate.errors ?? []
  const problems: Problem[] = []
  const invalidItems = new Set<number>()
  for (const error of errors) {
    // An if/then/else says "must match then schema" besides the branch's own error, which says more.
    if (error.keyword === 'if' || isExplainedByParent(error, errors)) continue
    const path = toPath(error.instancePath)
    if (typeof path[1] === 'number') invalidItems.add(path[1])
    const source =
      typeof error.data === 'number' || typeof error.data === 'boolean' ? scalarSource(file, path) : undefined
    const described = describeSchemaError(error, path, kind, source)
    const position = locate(file, described.path, described.target)
    problems.push({ ...position, message: described.message })
  }
  return { problems, invalidItems }
}

/** `/users/3/user_groups/0` → `['users', 3, 'user_groups', 0]` (JSON Pointer unescaped). */
function toPath(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment
    })
}

export type { ErrorObject }
