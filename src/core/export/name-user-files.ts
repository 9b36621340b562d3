import { createHash } from 'node:crypto'

/** The file stem for users without a group in the per-group layout. */
export const NO_GROUP_STEM = '_no-group'

/** The longest file stem (before `.yaml`): well under the 255 bytes most file systems allow a name. */
export const MAX_STEM_LENGTH = 100

const HASH_STEP = 8
const SAFE_STEM = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/
// Windows refuses these as file names, with any extension.
const RESERVED_ON_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i

/**
 * A file stem for each first group of the per-group layout (`undefined`: no group), unique even
 * where file names ignore case. A group id is its own stem when it is short and safe in a file
 * name; otherwise, and for every id whose stem would collide, the stem is a safe prefix of the id
 * and a hash of it (`Admins` and `admins` → `Admins-1a2b3c4d`, `admins-5e6f7a8b`).
 */
export function nameUserFiles(firstGroups: readonly (string | undefined)[]): Map<string | undefined, string> {
  const levels = new Map<string | undefined, number>()
  for (const id of firstGroups) levels.set(id, id === undefined || isPlainStem(id) ? 0 : 1)
  for (;;) {
    const stems = new Map([...levels].map(([id, level]) => [id, stemAt(id, level)]))
    const colliding = findColliding(stems)
    if (colliding.length === 0) return stems
    // The no-group file keeps its name; every other id in a collision moves to a longer hash.
    for (const id of colliding) if (id !== undefined) levels.set(id, levels.get(id)! + 1)
  }
}

function isPlainStem(id: string): boolean {
  return id.length <= MAX_STEM_LENGTH && SAFE_STEM.test(id) && !RESERVED_ON_WINDOWS.test(id)
}

function stemAt(id: string | undefined, level: number): string {
  if (id === undefined) return NO_GROUP_STEM
  if (level === 0) return id
  const hash = createHash('sha256')
    .update(id)
    .digest('hex')
    .slice(0, HASH_STEP * level)
  const prefix = safePrefix(id).slice(0, MAX_STEM_LENGTH - hash.length - 1)
  return prefix === '' ? hash : `${prefix}-${hash}`
}

/** The id with what is unsafe in a file name replaced, not starting with `.` or `-` (hidden files, options). */
function safePrefix(id: string): string {
  const prefix = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '')
  return RESERVED_ON_WINDOWS.test(prefix) ? `_${prefix}` : prefix
}

function findColliding(stems: ReadonlyMap<string | undefined, string>): (string | undefined)[] {
  const byFolded = new Map<string, (string | undefined)[]>()
  for (const [id, stem] of stems) {
    const folded = stem.toLowerCase()
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), id])
  }
  return [...byFolded.values()].filter((ids) => ids.length > 1).flat()
}
