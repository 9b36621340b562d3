import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'
import type { Problem, SourcePosition } from '../model/problem.js'
import { bytePosition, decodeUtf8 } from './decode-utf8.js'

/** A config file's bytes with the path it is reported under. */
export interface ConfigSource {
  readonly path: string
  readonly bytes: Uint8Array
}

/** A YAML file parsed into a value, with what it takes to point back into the text. */
export interface ParsedFile {
  readonly path: string
  readonly value: unknown
  readonly doc: Document.Parsed
  readonly lineCounter: LineCounter
}

export type PathSegment = string | number

/**
 * Alias expansion budget: yaml multiplies alias uses by the aliases nested under them,
 * so a "billion laughs" file fails fast while a list reused a few thousand times passes.
 */
const MAX_ALIAS_COUNT = 10_000
const MAX_SYNTAX_PROBLEMS = 50

/** Parses one YAML file; every problem comes back with its line and column. */
export function parseYamlFile(source: ConfigSource): { file?: ParsedFile; problems: Problem[] } {
  const decoded = decodeUtf8(source.bytes)
  if ('invalidAt' in decoded) {
    const at = bytePosition(source.bytes, decoded.invalidAt)
    return { problems: [{ file: source.path, ...at, message: 'the file is not valid UTF-8 text; save it as UTF-8' }] }
  }
  const text = decoded.text
  const lineCounter = new LineCounter()
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset)
    return { file: source.path, line, column: col }
  }
  try {
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' })
    if (doc.errors.length > 0) {
      const problems = doc.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((error): Problem => {
        const position = at(error.pos[0])
        const message =
          error.code === 'DUPLICATE_KEY'
            ? `duplicate key ${quote(keyTextAt(text, error.pos[0]))}: a key may appear once in a mapping`
            : error.code === 'MULTIPLE_DOCS'
              ? 'the file holds more than one YAML document (a second "---"); keep one document per file'
              : `YAML syntax error: ${firstLine(error.message)}`
        return { ...position, message }
      })
      return { problems }
    }
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    return { file: { path: source.path, value, doc, lineCounter }, problems: [] }
  } catch (error) {
    // toJS throws on alias bombs; any parser recursion limit surfaces as a RangeError.
    const message =
      error instanceof ReferenceError
        ? 'YAML aliases expand too far (more than 10,000 uses); write the values out or use fewer aliases'
        : error instanceof RangeError
          ? 'the YAML nests too deeply to read; flatten the file'
          : `YAML could not be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`
    return { problems: [{ file: source.path, line: 1, column: 1, message }] }
  }
}

/**
 * Where the node at `path` starts: its key when `target` is 'key' and the last segment is a
 * mapping key, its value otherwise. Stops at the deepest node that exists.
 */
export function locate(file: ParsedFile, path: readonly PathSegment[], target: 'key' | 'value' = 'value'): SourcePosition {
  let node: unknown = file.doc.contents
  let offset = rangeStart(node) ?? 0
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(file.doc)
    const segment = path[i]!
    let next: unknown
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      if (target === 'key' && i === path.length - 1) {
        next = pair.key
      } else {
        next = pair.value ?? pair.key
        if (pair.value === null) {
          offset = rangeStart(pair.key) ?? offset
          break
        }
      }
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
  const { line, col } = file.lineCounter.linePos(offset)
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

function quote(value: string): string {
  return JSON.stringify(value)
}
