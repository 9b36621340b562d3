import { CR, DASH, DECLINE, HASH, LF, SPACE } from './yaml-subset-characters.js'

/** A position in YAML text and the line-level moves of the block reader: content lines, indents, comments. */
export class LineCursor {
  protected pos = 0

  constructor(protected readonly text: string) {}

  /**
   * Moves to the first character of the next line that holds content (skipping blank and comment
   * lines) and answers its indent, or -1 at the end. Declines document markers and directives.
   */
  protected nextContentLine(): number {
    const { text } = this
    // A nested reader that stopped at the content of a line leaves the position there.
    if (this.pos > 0 && this.pos < text.length && text.charCodeAt(this.pos - 1) !== LF) return this.column(this.pos)
    for (;;) {
      if (this.pos >= text.length) return -1
      const lineStart = this.pos
      let at = lineStart
      while (text.charCodeAt(at) === SPACE) at++
      const code = text.charCodeAt(at)
      if (at >= text.length) {
        this.pos = at
        return -1
      }
      if (code === LF || (code === CR && text.charCodeAt(at + 1) === LF) || code === HASH) {
        this.pos = this.lineEnd(at)
        continue
      }
      if (at === lineStart && (code === 37 /* % */ || text.startsWith('---', at) || text.startsWith('...', at)))
        throw DECLINE
      this.pos = at
      return at - lineStart
    }
  }

  /** The offset just past the line break of the line holding `at` (or the end of the text). */
  protected lineEnd(at: number): number {
    const stop = this.text.indexOf('\n', at)
    return stop === -1 ? this.text.length : stop + 1
  }

  protected column(at: number): number {
    return at - (this.text.lastIndexOf('\n', at - 1) + 1)
  }

  protected startsSequenceItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false
    const next = this.text.charCodeAt(at + 1)
    return next === SPACE || next === LF || next === CR || at + 1 >= this.text.length
  }

  protected skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++
  }

  /** At a line break, the end of the text, or a comment (which needs a space before it). */
  protected atLineEnd(): boolean {
    const { text, pos } = this
    if (pos >= text.length) return true
    const code = text.charCodeAt(pos)
    if (code === LF || (code === CR && text.charCodeAt(pos + 1) === LF)) return true
    return code === HASH && (pos === 0 || text.charCodeAt(pos - 1) === SPACE || text.charCodeAt(pos - 1) === LF)
  }

  protected finishLine(): void {
    this.pos = this.pos >= this.text.length ? this.pos : this.lineEnd(this.pos)
  }
}
