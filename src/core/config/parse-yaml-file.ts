import { LineCounter, parseDocument } from 'yaml'
import type { Problem, SourcePosition } from '../model/problem.js'
import { bytePosition, decodeUtf8 } from './decode-utf8.js'
import { readYamlSubset } from './read-yaml-subset.js'
import { CR, DOUBLE_QUOTE, LF, QUOTE, SPACE } from './yaml-subset-characters.js'
import { documentLocator, subsetLocator, type Locator, type PathSegment } from './yaml-locators.js'

export type { PathSegment }

/** A config file's bytes with the path it is reported under. */
export interface ConfigSource {
  readonly path: string
  readonly bytes: Uint8Array
}

/** A YAML file parsed into a value, with what it takes to point back into the text. */
export interface ParsedFile {
  readonly path: string
  readonly text: string
  /** The YAML 1.2 (core schema) value; mappings inherit nothing (yaml-mappings.ts). */
  readonly value: unknown
  /** Finds where nodes start; built on first use (most files never need it). */
  readonly locator: () => Locator
  /** Where the values of the watched id key start, in the order read (the fast path only). */
  readonly idOffsets?: readonly number[]
}

/**
 * Alias expansion budget: yaml multiplies alias uses by the aliases nested under them,
 * so a "billion laughs" file fails fast while a list reused a few thousand times passes.
 */
const MAX_ALIAS_COUNT = 10_000
const MAX_SYNTAX_PROBLEMS = 50
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' } as const

/**
 * Parses one YAML file as YAML 1.2 (core schema); every problem comes back with its line and column.
 *
 * There is one reading of YAML, the `yaml` library's. Files written in the subset config files
 * use take a fast path that gives the same values (a differential property test holds it to the
 * library), in linear time and memory; anything else goes to the library itself, whose line
 * counter also places every problem it reports.
 */
export function parseYamlFile(source: ConfigSource, idKey?: string): { file?: ParsedFile; problems: Problem[] } {
  const decoded = decodeUtf8(source.bytes)
  if ('invalidAt' in decoded) {
    const at = bytePosition(source.bytes, decoded.invalidAt)
    return { problems: [{ file: source.path, ...at, message: 'the file is not valid UTF-8 text; save it as UTF-8' }] }
  }
  const text = decoded.text
  const watched = idKey === undefined ? undefined : { key: idKey, offsets: [] }
  const fast = readYamlSubset(text, undefined, watched)
  if (fast !== undefined) {
    const locator = lazy(() => subsetLocator(text))
    const file = { path: source.path, text, value: fast, locator, ...(watched ? { idOffsets: watched.offsets } : {}) }
    return { file, problems: [] }
  }
  return parseExactly(source.path, text)
}

/** A file read by the `yaml` library alone: the reference the fast path is held to. */
export function parseExactly(path: string, text: string): { file?: ParsedFile; problems: Problem[] } {
  const lineCounter = new LineCounter()
  try {
    const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter })
    if (doc.errors.length > 0) {
      const problems = doc.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((error): Problem => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return {
          file: path,
          line,
          column: col,
          message: describeSyntaxError(error.code, error.message, text, error.pos[0]),
        }
      })
      return { problems }
    }
    const value = withoutPrototypes(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }))
    return { file: { path, text, value, locator: () => documentLocator(doc) }, problems: [] }
  } catch (error) {
    // toJS throws on alias bombs; any parser recursion limit surfaces as a RangeError.
    const message =
      error instanceof ReferenceError
        ? 'YAML aliases expand too far (more than 10,000 uses); write the values out or use fewer aliases'
        : error instanceof RangeError
          ? 'the YAML nests too deeply to read; flatten the file'
          : `YAML could not be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`
    return { problems: [{ file: path, line: 1, column: 1, message }] }
  }
}

/** The library's plain objects rebuilt without a prototype, so no key (`__proto__`, `constructor`) means anything to JavaScript. */
function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutPrototypes(value[i])
    return value
  }
  if (value === null || typeof value !== 'object') return value
  const bare = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(value)) bare[key] = withoutPrototypes((value as Record<string, unknown>)[key])
  return bare
}

function lazy<T>(make: () => T): () => T {
  let made: T | undefined
  return () => (made ??= make())
}

function describeSyntaxError(code: string, message: string, text: string, offset: number): string {
  if (code === 'DUPLICATE_KEY')
    return `duplicate key ${JSON.stringify(keyTextAt(text, offset))}: a key may appear once in a mapping`
  if (code === 'MULTIPLE_DOCS')
    return 'the file holds more than one YAML document (a second "---"); keep one document per file'
  return `YAML syntax error: ${firstLine(message)}`
}

/**
 * Where each list item's id value starts, by item index: the offsets the reader noted as it read
 * the file, each checked against its id; else the node where the YAML document places it.
 */
export function locateIds(file: ParsedFile, listKey: string, idKey: string, ids: readonly unknown[]): SourcePosition[] {
  const read = file.idOffsets && placeOffsets(file, file.idOffsets, ids)
  if (read) return read
  return ids.map((_, index) => locate(file, [listKey, index, idKey]))
}

/**
 * Line and column of each offset, when there is one per id and each holds its id as a one-line
 * scalar; offsets are in text order, so lines are counted in one pass.
 */
function placeOffsets(
  file: ParsedFile,
  offsets: readonly number[],
  ids: readonly unknown[],
): SourcePosition[] | undefined {
  if (offsets.length !== ids.length) return undefined
  const { text } = file
  const positions: SourcePosition[] = []
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offsets.length; i++) {
    const at = offsets[i]!
    const id = ids[i]
    if (typeof id !== 'string' || at < lineStart || !holdsId(text, at, id)) return undefined
    for (let next = text.indexOf('\n', lineStart); next !== -1 && next < at; next = text.indexOf('\n', next + 1)) {
      line++
      lineStart = next + 1
    }
    positions.push({ file: file.path, line, column: at - lineStart + 1 })
  }
  return positions
}

/** Whether the text at `at` is `id` written plain or quoted, ending its scalar there (the quoted forms without escapes). */
function holdsId(text: string, at: number, id: string): boolean {
  const quote = text.charCodeAt(at)
  if (quote === DOUBLE_QUOTE || quote === QUOTE)
    return text.startsWith(id, at + 1) && text.charCodeAt(at + 1 + id.length) === quote
  if (!text.startsWith(id, at)) return false
  const after = text.charCodeAt(at + id.length)
  return Number.isNaN(after) || after === LF || after === CR || after === SPACE
}

/**
 * Where the node at `path` starts: its key when `target` is 'key' and the last segment is a
 * mapping key, its value otherwise. Stops at the deepest node that exists.
 */
export function locate(
  file: ParsedFile,
  path: readonly PathSegment[],
  target: 'key' | 'value' = 'value',
): SourcePosition {
  return { file: file.path, ...lineAndColumn(file, file.locator().offsetOf(path, target)) }
}

/** The source text of the scalar at `path` (as written, before YAML resolves it), for messages. */
export function scalarSource(file: ParsedFile, path: readonly PathSegment[]): string | undefined {
  const offset = file.locator().offsetOf(path, 'value')
  const raw = /^[^\r\n,\]}]*/.exec(file.text.slice(offset, offset + 300))?.[0] ?? ''
  const text = raw.replace(/\s+#.*$/, '').trim()
  return text === '' ? undefined : text
}

const lineStartsOf = new WeakMap<ParsedFile, number[]>()

/** Line and column of an offset, by binary search over the file's line starts (found once per file). */
function lineAndColumn(file: ParsedFile, offset: number): { line: number; column: number } {
  let starts = lineStartsOf.get(file)
  if (!starts) {
    starts = [0]
    for (let i = file.text.indexOf('\n'); i !== -1; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1)
    lineStartsOf.set(file, starts)
  }
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - starts[low]! + 1 }
}

function keyTextAt(text: string, offset: number): string {
  const match = /^[^:\n]*/.exec(text.slice(offset, offset + 300))
  return (match?.[0] ?? '').trim().replace(/^["']|["']$/g, '')
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
