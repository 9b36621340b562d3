import type { PositionIndex } from './read-yaml-subset.js'
import { readDoubleQuotedAt, readSingleQuotedAt } from './read-yaml-quoted.js'
import { resolvePlainScalar } from './resolve-plain-scalar.js'
import { newMapping, setEntry } from './yaml-mappings.js'
import {
  CLOSE_CURLY,
  CLOSE_SQUARE,
  COLON,
  COMMA,
  CR,
  DASH,
  DECLINE,
  DOUBLE_QUOTE,
  HASH,
  INDICATOR,
  isFlowIndicator,
  LF,
  MAX_DEPTH,
  OPEN_CURLY,
  OPEN_SQUARE,
  QUOTE,
  SPACE,
} from './yaml-subset-characters.js'

/** Flow collections, which may span lines: every line they continue on is indented past the block they are in. */
export class FlowReader {
  pos: number
  private collections = 0

  constructor(
    private readonly text: string,
    start: number,
    private readonly blockIndent: number,
    private readonly positions: PositionIndex | undefined,
    private depth: number,
  ) {
    this.pos = start
  }

  readNode(): unknown {
    const code = this.text.charCodeAt(this.pos)
    if (code === OPEN_SQUARE) return this.readSequence()
    if (code === OPEN_CURLY) return this.readMapping()
    if (code === DOUBLE_QUOTE) return this.readQuoted(readDoubleQuotedAt)
    if (code === QUOTE) return this.readQuoted(readSingleQuotedAt)
    return resolvePlainScalar(this.readPlain())
  }

  private readQuoted(read: (text: string, at: number) => { value: string; end: number }): string {
    const result = read(this.text, this.pos)
    this.pos = result.end
    return result.value
  }

  /** Past an opening bracket: one level deeper. */
  private open(): void {
    if (++this.depth > MAX_DEPTH) throw DECLINE
    this.collections++
    this.pos++
  }

  /** Past a closing bracket: the collection is done, and where its entries start is recorded. */
  private close<T extends object>(collection: T, offsets: number[] | undefined): T {
    this.pos++
    this.collections--
    this.depth--
    if (offsets) this.positions!.set(collection, offsets)
    return collection
  }

  private readSequence(): unknown[] {
    this.open()
    const list: unknown[] = []
    const offsets: number[] | undefined = this.positions ? [] : undefined
    for (;;) {
      this.skipSpace()
      if (this.text.charCodeAt(this.pos) === CLOSE_SQUARE) break
      offsets?.push(this.pos)
      list.push(this.readNode())
      if (this.endsCollection(CLOSE_SQUARE)) break
    }
    // A copy sized to fit: a list grown by push keeps room for 16 items, most of the memory of a short one.
    return this.close(list.slice(), offsets)
  }

  private readMapping(): Record<string, unknown> {
    this.open()
    const map = newMapping()
    const offsets: number[] | undefined = this.positions ? [] : undefined
    for (;;) {
      this.skipSpace()
      const { text } = this
      let code = text.charCodeAt(this.pos)
      if (code === CLOSE_CURLY) break
      const keyStart = this.pos
      let key: string
      if (code === DOUBLE_QUOTE || code === QUOTE) {
        key = this.readQuoted(code === DOUBLE_QUOTE ? readDoubleQuotedAt : readSingleQuotedAt)
        while (text.charCodeAt(this.pos) === SPACE) this.pos++
        if (text.charCodeAt(this.pos) !== COLON) throw DECLINE
      } else {
        const raw = this.readPlain()
        if (resolvePlainScalar(raw) !== raw || text.charCodeAt(this.pos) !== COLON) throw DECLINE
        const after = text.charCodeAt(this.pos + 1)
        if (after !== SPACE && after !== LF && after !== CR) throw DECLINE
        key = raw
      }
      this.pos++
      if (Object.hasOwn(map, key)) throw DECLINE
      this.skipSpace()
      code = text.charCodeAt(this.pos)
      if (code === COMMA || code === CLOSE_CURLY) throw DECLINE
      offsets?.push(keyStart, this.pos)
      setEntry(map, key, this.readNode())
      if (this.endsCollection(CLOSE_CURLY)) break
    }
    return this.close(map, offsets)
  }

  /** After an entry: a comma means another may follow (false), `close` ends the collection (true), anything else leaves the subset. */
  private endsCollection(close: number): boolean {
    this.skipSpace()
    const code = this.text.charCodeAt(this.pos)
    if (code === close) return true
    if (code !== COMMA) throw DECLINE
    this.pos++
    return false
  }

  /** A plain scalar in flow context, on one line: it stops before `, [ ] { }`, `: ` and ` #`. */
  private readPlain(): string {
    const { text } = this
    const start = this.pos
    const first = text.charCodeAt(start)
    if (Number.isNaN(first) || first === LF || first === CR) throw DECLINE
    if (first < 128 && INDICATOR[first] === 1) {
      if (first !== DASH && first !== 63 && first !== COLON) throw DECLINE
      const next = text.charCodeAt(start + 1)
      if (Number.isNaN(next) || next === SPACE || next === LF || next === CR || isFlowIndicator(next)) throw DECLINE
    }
    let end = start
    let at = start
    for (;;) {
      const code = text.charCodeAt(at)
      if (at >= text.length || code === LF || code === CR) break
      if (code === COMMA || code === CLOSE_SQUARE || code === CLOSE_CURLY) break
      if (code === OPEN_SQUARE || code === OPEN_CURLY) throw DECLINE
      if (code === HASH && text.charCodeAt(at - 1) === SPACE) break
      if (code === COLON) {
        const after = text.charCodeAt(at + 1)
        if (Number.isNaN(after) || after === SPACE || after === LF || after === CR || isFlowIndicator(after)) break
      }
      if (code !== SPACE) end = at + 1
      at++
    }
    this.pos = end
    // A plain scalar that reaches the end of its line might continue on the next: only a flow indicator may follow.
    let after = at
    while (text.charCodeAt(after) === SPACE) after++
    if (
      after >= text.length ||
      text.charCodeAt(after) === LF ||
      text.charCodeAt(after) === CR ||
      (text.charCodeAt(after) === HASH && after > end)
    ) {
      const saved = this.pos
      this.pos = after
      this.skipSpace()
      const next = text.charCodeAt(this.pos)
      if (next !== COMMA && next !== CLOSE_SQUARE && next !== CLOSE_CURLY) throw DECLINE
      this.pos = saved
    }
    return text.slice(start, end)
  }

  /** Spaces, line breaks and comments between flow tokens; each new line must be indented past the block. */
  private skipSpace(): void {
    const { text } = this
    for (;;) {
      const code = text.charCodeAt(this.pos)
      if (code === SPACE) {
        this.pos++
      } else if (code === HASH) {
        const before = text.charCodeAt(this.pos - 1)
        if (before !== SPACE && before !== LF) throw DECLINE
        const stop = text.indexOf('\n', this.pos)
        this.pos = stop === -1 ? text.length : stop
      } else if (code === LF || (code === CR && text.charCodeAt(this.pos + 1) === LF)) {
        this.pos += code === CR ? 2 : 1
        const lineStart = this.pos
        while (text.charCodeAt(this.pos) === SPACE) this.pos++
        const first = text.charCodeAt(this.pos)
        const indent = this.pos - lineStart
        const blank = this.pos >= text.length || first === LF || first === CR || first === HASH
        // A comment line not indented past the block: the yaml library takes it under a key and refuses it under "- ".
        if (first === HASH && indent <= this.blockIndent) throw DECLINE
        if (blank) continue
        if (lineStart < text.length && (text.startsWith('---', lineStart) || text.startsWith('...', lineStart)))
          throw DECLINE
        const closesOutermost = (first === CLOSE_SQUARE || first === CLOSE_CURLY) && this.collections === 1
        if (indent < this.blockIndent || (indent === this.blockIndent && !closesOutermost)) throw DECLINE
      } else {
        return
      }
    }
  }
}
