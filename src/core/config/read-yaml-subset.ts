import { FlowReader } from './read-yaml-flow.js'
import { LineCursor } from './yaml-line-cursor.js'
import { readDoubleQuotedAt, readSingleQuotedAt } from './read-yaml-quoted.js'
import { BlockKeys, readBlockPlainAt } from './read-yaml-block-scalars.js'
import { newMapping, setEntry } from './yaml-mappings.js'
import { DASH, DECLINE, DOUBLE_QUOTE, MAX_DEPTH, OPEN_CURLY, OPEN_SQUARE, QUOTE } from './yaml-subset-characters.js'

/**
 * Where each entry of a mapping or list starts: for a list, the offset of each item; for a
 * mapping, `[keyOffset, valueOffset]` pairs in the order of its keys.
 */
export type PositionIndex = WeakMap<object, number[]>

/**
 * A fast reader for the YAML that config files are written in: block mappings and lists, flow
 * lists and mappings (also over many lines, as JSON is), plain, single- and double-quoted scalars
 * on one line, and comments. It answers exactly the value the `yaml` library gives (YAML 1.2, core
 * schema), with mappings that inherit nothing, or `undefined` for anything outside that subset
 * (anchors, tags, block scalars, multi-line scalars, complex keys, duplicate keys, tabs, documents
 * markers, syntax errors…), which the caller then reads with the `yaml` library. A differential
 * property test holds it to that library's answers.
 *
 * It is linear in time and memory: a 20 MB flow-style file validates in a few seconds within a
 * few hundred MB, where the `yaml` library alone takes half a minute and over 2 GB.
 */
export function readYamlSubset(text: string, positions?: PositionIndex, watched?: WatchedKey): unknown {
  if (SUSPECT.test(text) || (text.includes('\r') && LONE_CR.test(text))) return undefined
  try {
    const reader = new SubsetReader(text, positions, watched)
    return reader.readDocument()
  } catch (error) {
    if (error === DECLINE) return undefined
    throw error
  }
}

/**
 * A key whose values' offsets are collected as the text is read, in order, where it is a key of a block mapping that
 * is an item of a block list under a top-level key (`users:` → `- user_id: …`): where ids are, with no second pass.
 */
export interface WatchedKey {
  readonly key: string
  readonly offsets: number[]
}

/** Tabs, characters YAML forbids or treats specially, and a BOM after the start; lone CRs apart, a faster scan. */
const SUSPECT = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff]/
const LONE_CR = /\r(?!\n)/

/** How deep a mapping that is an item of a list under a top-level key is: the document's mapping, the list, the item. */
const ITEM_DEPTH = 3

class SubsetReader extends LineCursor {
  private depth = 0
  private readonly keys: BlockKeys

  constructor(
    text: string,
    private readonly positions: PositionIndex | undefined,
    private readonly watched: WatchedKey | undefined,
  ) {
    super(text)
    this.keys = new BlockKeys(text)
  }

  readDocument(): unknown {
    const indent = this.nextContentLine()
    // A document that is empty or a scalar is left to the library.
    if (indent === -1) throw DECLINE
    const code = this.text.charCodeAt(this.pos)
    let value: unknown
    if (code === OPEN_SQUARE || code === OPEN_CURLY) {
      // A flow collection at the top (a JSON file): no block it must be indented past.
      value = this.readFlowCollection(-1)
      this.skipSpaces()
      if (!this.atLineEnd()) throw DECLINE
      this.finishLine()
    } else {
      if (indent !== 0) throw DECLINE
      value = this.startsSequenceItem(this.pos) ? this.readBlockSequence(0) : this.readBlockMapping(0)
    }
    if (this.nextContentLine() !== -1) throw DECLINE
    return value
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw DECLINE
  }

  private readBlockSequence(indent: number): unknown[] {
    this.enter()
    const list: unknown[] = []
    const offsets: number[] | undefined = this.positions ? [] : undefined
    for (;;) {
      // At a `-` in column `indent`.
      const afterDash = ++this.pos
      this.skipSpaces()
      const code = this.text.charCodeAt(this.pos)
      if (this.atLineEnd()) {
        this.finishLine()
        const item = this.readNestedPlaced(indent, false, afterDash)
        offsets?.push(item.start)
        list.push(item.value)
      } else {
        if (code === DASH && this.startsSequenceItem(this.pos)) throw DECLINE
        offsets?.push(this.pos)
        if (this.keys.endOf(this.pos) !== -1) list.push(this.readBlockMapping(this.column(this.pos)))
        else list.push(this.readInlineValue(indent))
      }
      const next = this.nextContentLine()
      if (next === -1 || next < indent) break
      if (next > indent) throw DECLINE
      if (!this.startsSequenceItem(this.pos)) break
    }
    if (offsets) this.positions!.set(list, offsets)
    this.depth--
    return list
  }

  private readBlockMapping(indent: number): Record<string, unknown> {
    this.enter()
    const map = newMapping()
    const offsets: number[] | undefined = this.positions ? [] : undefined
    for (;;) {
      const keyStart = this.pos
      const key = this.readBlockKey()
      if (Object.hasOwn(map, key)) throw DECLINE
      this.skipSpaces()
      let value: unknown
      let valueStart: number
      if (this.atLineEnd()) {
        this.finishLine()
        const nested = this.readNestedPlaced(indent, true, keyStart + key.length + 1)
        valueStart = nested.start
        value = nested.value
      } else {
        valueStart = this.pos
        value = this.readInlineValue(indent)
      }
      setEntry(map, key, value)
      offsets?.push(keyStart, valueStart)
      if (key === this.watched?.key && this.depth === ITEM_DEPTH) this.watched.offsets.push(valueStart)
      const next = this.nextContentLine()
      if (next === -1 || next < indent) break
      if (next > indent || this.startsSequenceItem(this.pos)) {
        // A sequence item here belongs to an enclosing indentless list only when this mapping is not at its indent.
        throw DECLINE
      }
    }
    if (offsets) this.positions!.set(map, offsets)
    this.depth--
    return map
  }

  /** `readNested`, and where its node starts; an empty one is placed at `emptyAt` (after its `:` or `-`), as the `yaml` library places it. */
  private readNestedPlaced(indent: number, underKey: boolean, emptyAt: number): { value: unknown; start: number } {
    const lineStart = this.pos
    this.nextContentLine()
    const start = this.pos
    this.pos = lineStart
    const value = this.readNested(indent, underKey)
    return { value, start: value === null ? emptyAt : start }
  }

  /**
   * The block node under a `key:` or `-` that ends its line: a more indented mapping or list, a
   * list at the key's own indent (YAML allows that under a mapping key), or null when none follows.
   */
  private readNested(indent: number, underKey: boolean): unknown {
    const start = this.pos
    const next = this.nextContentLine()
    if (next === -1) return null
    if (next > indent)
      return this.startsSequenceItem(this.pos) ? this.readBlockSequence(next) : this.readBlockMapping(next)
    if (underKey && next === indent && this.startsSequenceItem(this.pos)) return this.readBlockSequence(next)
    this.pos = start
    return null
  }

  /** The key at the position; the position moves past its colon. */
  private readBlockKey(): string {
    const key = this.keys.read(this.pos)
    this.pos += key.length + 1
    return key
  }

  /** A value on the rest of the line after `key: ` or `- `: a scalar or a flow collection, then only a comment. */
  private readInlineValue(blockIndent: number): unknown {
    const code = this.text.charCodeAt(this.pos)
    let value: unknown
    if (code === OPEN_SQUARE || code === OPEN_CURLY) value = this.readFlowCollection(blockIndent)
    else if (code === DOUBLE_QUOTE) value = this.readDoubleQuoted()
    else if (code === QUOTE) value = this.readSingleQuoted()
    else return this.readBlockPlain()
    this.skipSpaces()
    if (!this.atLineEnd()) throw DECLINE
    this.finishLine()
    return value
  }

  private readBlockPlain(): unknown {
    const read = readBlockPlainAt(this.text, this.pos)
    this.pos = read.end
    this.finishLine()
    return read.value
  }

  private readFlowCollection(blockIndent: number): unknown {
    const flow = new FlowReader(this.text, this.pos, blockIndent, this.positions, this.depth)
    const value = flow.readNode()
    this.pos = flow.pos
    return value
  }

  private readDoubleQuoted(): string {
    const read = readDoubleQuotedAt(this.text, this.pos)
    this.pos = read.end
    return read.value
  }

  private readSingleQuoted(): string {
    const read = readSingleQuotedAt(this.text, this.pos)
    this.pos = read.end
    return read.value
  }
}
