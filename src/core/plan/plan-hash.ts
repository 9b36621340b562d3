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
  })
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}
