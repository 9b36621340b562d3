import jsYaml from 'js-yaml'
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'
import type { Problem, SourcePosition } from '../model/problem.js'
import { bytePosition, decodeUtf8 } from './decode-utf8.js'
import { readBlockSubset } from './read-block-subset.js'
import { scanIdPositions } from './scan-id-positions.js'

/** A config file's bytes with the path it is reported under. */
export interface ConfigSource {
  readonly path: string
  readonly bytes: Uint8Array
}

/** A YAML file parsed into a value, with what it takes to point back into the text. */
export interface ParsedFile {
  readonly path: string
  readonly text: string
  readonly value: unknown
  /** The `yaml` library's document with positions, parsed on first use. */
  readonly document: () => { readonly doc: Document.Parsed; readonly lineCounter: LineCounter }
}

export type PathSegment = string | number

/**
 * Alias expansion budget: yaml multiplies alias uses by the aliases nested under them,
 * so a "billion laughs" file fails fast while a list reused a few thousand times passes.
 */
const MAX_ALIAS_COUNT = 10_000
const MAX_SYNTAX_PROBLEMS = 50
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' } as const
/** Anchors (&a) or aliases (*a) send a file down the exact path, where alias expansion is bounded. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s\]},]/

/**
 * Parses one YAML file; every problem comes back with its line and column.
 *
 * Plain files take a fast path: the block-style reader when the file keeps to that style, else
 * js-yaml (YAML 1.2 core schema: about 15 times faster than the `yaml` library on large files).
 * Anything else, and anything the fast path rejects, is parsed by the `yaml` library, whose line
 * counter also places every reported problem.
 */
export function parseYamlFile(source: ConfigSource): { file?: ParsedFile; problems: Problem[] } {
  const decoded = decodeUtf8(source.bytes)
  if ('invalidAt' in decoded) {
    const at = bytePosition(source.bytes, decoded.invalidAt)
    return { problems: [{ file: source.path, ...at, message: 'the file is not valid UTF-8 text; save it as UTF-8' }] }
  }
  const text = decoded.text
  // The block reader never reads anchors or aliases (it declines them), so it needs no alias check.
  const plain = readBlockSubset(text)
  if (plain !== undefined) return { file: { path: source.path, text, value: plain, document: lazyDocument(text) }, problems: [] }
  if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      const value: unknown = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: source.path })
      return { file: { path: source.path, text, value, document: lazyDocument(text) }, problems: [] }
    } catch {
      // Fall through: the exact parser explains the problem with its position.
    }
  }
  return parseExactly(source.path, text)
}

function parseExactly(path: string, text: string): { file?: ParsedFile; problems: Problem[] } {
  const lineCounter = new LineCounter()
  try {
    const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter })
    if (doc.errors.length > 0) {
      const problems = doc.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((error): Problem => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return { file: path, line, column: col, message: describeSyntaxError(error.code, error.message, text, error.pos[0]) }
      })
      return { problems }
    }
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    return { file: { path, text, value, document: () => ({ doc, lineCounter }) }, problems: [] }
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

function lazyDocument(text: string): ParsedFile['document'] {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined
  return () => {
    if (!parsed) {
      const lineCounter = new LineCounter()
      parsed = { doc: parseDocument(text, { ...YAML_OPTIONS, lineCounter }), lineCounter }
    }
    return parsed
  }
}

function describeSyntaxError(code: string, message: string, text: string, offset: number): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key ${JSON.stringify(keyTextAt(text, offset))}: a key may appear once in a mapping`
  if (code === 'MULTIPLE_DOCS') return 'the file holds more than one YAML document (a second "---"); keep one document per file'
  return `YAML syntax error: ${firstLine(message)}`
}

/**
 * Where each list item's id value starts, by item index: a text scan checked against the
 * parsed ids, falling back to the `yaml` document for layouts the scan does not follow.
 */
export function locateIds(file: ParsedFile, listKey: string, idKey: string, ids: readonly unknown[]): SourcePosition[] {
  const scanned = scanIdPositions(file.text, idKey, ids)
  if (scanned) return scanned.map(({ line, column }) => ({ file: file.path, line, column }))
  return ids.map((_, index) => locate(file, [listKey, index, idKey]))
}

/**
 * Where the node at `path` starts: its key when `target` is 'key' and the last segment is a
 * mapping key, its value otherwise. Stops at the deepest node that exists.
 */
export function locate(file: ParsedFile, path: readonly PathSegment[], target: 'key' | 'value' = 'value'): SourcePosition {
  const { doc, lineCounter } = file.document()
  let node: unknown = doc.contents
  let offset = rangeStart(node) ?? 0
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc)
    const segment = path[i]!
    let next: unknown
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      if ((target === 'key' && i === path.length - 1) || pair.value === null) {
        offset = rangeStart(pair.key) ?? offset
        break
      }
      next = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment]
    } else {
      break
    }
    const start = rangeStart(next)
    if (start === undefined) break
    offset = start
    node = next
  }
  const { line, col } = lineCounter.linePos(offset)
  return { file: file.path, line, column: col }
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined
}

function keyTextAt(text: string, offset: number): string {
  const match = /^[^:\n]*/.exec(text.slice(offset, offset + 300))
  return (match?.[0] ?? '').trim().replace(/^["']|["']$/g, '')
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
