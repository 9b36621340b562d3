import { createHash } from 'node:crypto'
import type { Change } from '../model/change.js'

/**
 * sha256 of what the plan will write: action, kind, id and the fields after each change, in a
 * fixed order with sorted keys. Apply compares it with the reviewed plan's hash.
 */
export function hashChanges(changes: readonly Change[], settings?: string): string {
  const hash = createHash('sha256')
  // Settings that decide how changes are carried out (how users are created): a plan under other settings is another plan.
  if (settings !== undefined) hash.update(`settings:${settings}\n`)
  for (const change of changes) {
    hash.update(canonicalChange(change))
    hash.update('\n')
  }
  return hash.digest('hex')
}

/** A short fingerprint of one change (10 hex digits), so a later run can tell which changes were reviewed. */
export function changeDigest(change: Change): string {
  return createHash('sha256').update(canonicalChange(change)).digest('hex').slice(0, 10)
}

function canonicalChange(change: Change): string {
  return canonicalJson({
    action: change.action,
    kind: change.kind,
    id: change.id,
    group: 'group' in change ? change.group : undefined,
    after: 'after' in change ? change.after : 'to' in change ? change.to : null,
    // A permission change sets the whole assignment: the same write revokes more when more is held,
    // so what it replaces is part of what was reviewed.
    before: 'from' in change ? change.from : undefined,
  })
}

/**
 * JSON with keys sorted and undefined members left out. Built by concatenation: it runs for every
 * change of a plan, and entries, filters and joins per object add up.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '['
    // As join did: an item JSON cannot write (undefined, a hole) is written as nothing.
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${canonicalJson(value[i]) ?? ''}`
    return `${out}]`
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    let out = '{'
    for (const key of Object.keys(record).sort()) {
      const item = record[key]
      if (item === undefined) continue
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`
    }
    return `${out}}`
  }
  return JSON.stringify(value)
}
