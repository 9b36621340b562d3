import { RequestRejected } from './problem-answers.js'
import { parseRsql, type RsqlNode } from './rsql-parse.js'

/** What `filter=` may test on an entity: each property's value, or values for a to-many relationship. */
export type FilterFields<Entity> = Readonly<Record<string, (entity: Entity) => string | readonly string[] | undefined>>

/** An operator's test, made once per filter from its arguments. */
type Test = (argument: readonly string[]) => (values: readonly string[]) => boolean

const equalsAny = (wanted: readonly string[]) => (values: readonly string[]) => values.some((v) => wanted.includes(v))
const matchesAny = (pattern: RegExp) => (values: readonly string[]) => values.some((v) => pattern.test(v))
const containsAny = (part: string, flags: string) => matchesAny(new RegExp(escapeRegExp(part), flags))

/** The operators the emulator evaluates (GoodData's API conventions); `*` is the =like= wildcard. */
const OPERATORS: Readonly<Record<string, { readonly test: Test; readonly arity: 'one' | 'many' }>> = {
  '==': { arity: 'one', test: equalsAny },
  '!=': { arity: 'one', test: (wanted) => (values) => !equalsAny(wanted)(values) },
  '=in=': { arity: 'many', test: equalsAny },
  '=out=': { arity: 'many', test: (wanted) => (values) => !equalsAny(wanted)(values) },
  '=like=': { arity: 'one', test: ([pattern]) => matchesAny(likePattern(pattern!, '')) },
  '=likeic=': { arity: 'one', test: ([pattern]) => matchesAny(likePattern(pattern!, 'i')) },
  '=contains=': { arity: 'one', test: ([part]) => containsAny(part!, '') },
  '=containsic=': { arity: 'one', test: ([part]) => containsAny(part!, 'i') },
  '=isnull=': {
    arity: 'one',
    test:
      ([flag]) =>
      (values) =>
        (values.length === 0) === (flag === 'true'),
  },
}

/**
 * The predicate of an RSQL `filter`, or undefined when there is none. Unknown properties,
 * operators the emulator does not evaluate and malformed filters throw RequestRejected (400):
 * a filter is never silently ignored.
 */
export function compileRsqlFilter<Entity>(
  filter: string | null,
  fields: FilterFields<Entity>,
): ((entity: Entity) => boolean) | undefined {
  if (filter === null || filter === '') return undefined
  return compileNode(parseRsql(filter), fields)
}

function compileNode<Entity>(node: RsqlNode, fields: FilterFields<Entity>): (entity: Entity) => boolean {
  if (node.kind !== 'comparison') {
    const children = node.children.map((child) => compileNode(child, fields))
    return node.kind === 'and'
      ? (entity) => children.every((child) => child(entity))
      : (entity) => children.some((child) => child(entity))
  }
  const read = Object.hasOwn(fields, node.selector) ? fields[node.selector] : undefined
  if (!read) {
    const known = Object.keys(fields).join(', ')
    throw new RequestRejected(400, `Unknown property "${node.selector}" in parameter "filter"; known: ${known}.`)
  }
  const operator = Object.hasOwn(OPERATORS, node.operator) ? OPERATORS[node.operator] : undefined
  if (!operator) {
    const known = Object.keys(OPERATORS).join(' ')
    throw new RequestRejected(
      400,
      `Operator "${node.operator}" in parameter "filter" is not supported by the emulator; supported: ${known}.`,
    )
  }
  checkArguments(node, operator.arity)
  const test = operator.test(node.values)
  return (entity) => {
    const value = read(entity)
    return test(value === undefined ? [] : typeof value === 'string' ? [value] : value)
  }
}

function checkArguments(node: Extract<RsqlNode, { kind: 'comparison' }>, arity: 'one' | 'many'): void {
  const { operator, selector, values } = node
  if (arity === 'one' && values.length !== 1)
    throw new RequestRejected(400, `Operator "${operator}" on "${selector}" takes one argument, not a list.`)
  if ((operator === '==' || operator === '!=') && values[0]!.includes('*'))
    throw new RequestRejected(400, `Wildcards are not supported with "${operator}"; use =like= for "${values[0]}".`)
  if (operator === '=isnull=' && values[0] !== 'true' && values[0] !== 'false')
    throw new RequestRejected(400, `Operator "=isnull=" on "${selector}" takes true or false, not "${values[0]}".`)
}

function likePattern(pattern: string, flags: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, `s${flags}`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
