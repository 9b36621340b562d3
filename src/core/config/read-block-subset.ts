/**
 * A reader for the plain block style config files are almost always written in:
 *
 *   users:
 *     - user_id: john.doe
 *       email: john.doe@example.com
 *       user_groups: [analysts, everyone]
 *
 * It answers exactly the value js-yaml (YAML 1.2 core schema) would, several times faster, or
 * undefined for anything outside that narrow shape (comments after values, block scalars,
 * escapes, numbers, anchors, nested mappings, tabs, CRLF, duplicate keys…), which then goes to
 * the full parser. A property test holds it to js-yaml's answers.
 */
export function readBlockSubset(text: string): unknown {
  if (text.includes('\r') || text.includes('\t')) return undefined
  let key: string | undefined
  let list: Record<string, unknown>[] | undefined
  const root: Record<string, unknown> = {}
  let itemIndent = -1
  let item: Record<string, unknown> | undefined
  // Scanned by character codes: this runs over every line of files of 100,000 users.
  for (let start = 0; start < text.length; ) {
    let stop = text.indexOf('\n', start)
    if (stop === -1) stop = text.length
    let end = stop
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--
    let at = start
    while (at < end && text.charCodeAt(at) === SPACE) at++
    const lineStart = start
    start = stop + 1
    if (at === end || text.charCodeAt(at) === HASH) continue
    const indent = at - lineStart
    const dash = text.charCodeAt(at) === DASH && text.charCodeAt(at + 1) === SPACE
    if (dash) at += 2
    const keyStart = at
    while (at < end && isKeyChar(text.charCodeAt(at))) at++
    if (at === keyStart || text.charCodeAt(at) !== COLON) return undefined
    const field = text.slice(keyStart, at)
    at++
    if (at < end && text.charCodeAt(at) !== SPACE) return undefined
    const rawValue = at < end ? text.slice(at + 1, end) : undefined
    if (indent === 0 && !dash) {
      if (field in root || (rawValue !== undefined && rawValue !== '[]')) return undefined
      key = field
      list = rawValue === '[]' ? undefined : []
      root[key] = rawValue === '[]' ? [] : null
      itemIndent = -1
      item = undefined
      continue
    }
    if (key === undefined) return undefined
    if (dash) {
      if (list === undefined) return undefined
      if (itemIndent === -1) {
        itemIndent = indent
        root[key] = list
      } else if (indent !== itemIndent) {
        return undefined
      }
      item = {}
      list.push(item)
    } else if (item === undefined || indent !== itemIndent + 2) {
      return undefined
    }
    if (Object.prototype.hasOwnProperty.call(item, field)) return undefined
    const value = rawValue === undefined ? null : readValue(rawValue)
    if (value === undefined) return undefined
    item[field] = value
  }
  return key === undefined ? undefined : root
}

const SPACE = 32
const HASH = 35
const DASH = 45
const COLON = 58

/** Keys of the config files: lower-case letters and underscores. */
function isKeyChar(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 95
}

type Value = string | boolean | null | string[]

function readValue(raw: string): Value | undefined {
  const flow = /^\[(.*)\]$/.exec(raw)
  if (flow) {
    if (flow[1]!.trim() === '') return []
    const items = flow[1]!.split(',').map((part) => part.trim())
    const values = items.map(readScalar)
    return values.every((value): value is string => typeof value === 'string') ? values : undefined
  }
  return readScalar(raw)
}

const PLAIN = /^[\p{L}\p{N}_.][\p{L}\p{N} _.@|+/=()'-]*$/u
/** ASCII characters a plain value may hold after its first (letters, digits, and ` _.@|+/=()'-`). */
const PLAIN_ASCII = new Uint8Array(128)
for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.@|+/=()\'-') PLAIN_ASCII[char.charCodeAt(0)] = 1

/** PLAIN, decided by a table for ASCII text; the Unicode expression only for other text. */
function isPlain(raw: string): boolean {
  const first = raw.charCodeAt(0)
  if (first === 32 || first === 64 || first === 124 || first === 43 || first === 47 || first === 61 || first === 40 || first === 41 || first === 39 || first === 45) return false
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i)
    if (code >= 128) return PLAIN.test(raw)
    if (PLAIN_ASCII[code] === 0) return false
  }
  return true
}
const NUMERIC = /^[-+]?[.0-9][0-9._a-fA-FxXoObB+-]*$/
const SPECIAL = /^(\.(inf|Inf|INF|nan|NaN|NAN)|null|Null|NULL)$/

function readScalar(raw: string): string | boolean | null | undefined {
  if (raw === '') return undefined
  const first = raw.charCodeAt(0)
  if (first === 34 /* " */) return /^"([^"\\]*)"$/.exec(raw)?.[1]
  if (first === 39 /* ' */) return /^'([^']*)'$/.exec(raw)?.[1]
  if (raw === 'true' || raw === 'True' || raw === 'TRUE') return true
  if (raw === 'false' || raw === 'False' || raw === 'FALSE') return false
  if (!isPlain(raw) || raw.endsWith(' ')) return undefined
  // Only a value starting like a number, or with . or n/N, can be a number, infinity or null.
  const maybeSpecial = (first >= 48 && first <= 57) || first === 46 || first === 43 || first === 45 || first === 110 || first === 78
  if (maybeSpecial && (NUMERIC.test(raw) || SPECIAL.test(raw))) return undefined
  return raw
}
