import { RequestRejected } from './problem-answers.js'

/** A parsed RSQL filter (https://github.com/jirutka/rsql-parser), the `filter=` of entity lists. */
export type RsqlNode =
  | { readonly kind: 'and' | 'or'; readonly children: readonly RsqlNode[] }
  | { readonly kind: 'comparison'; readonly selector: string; readonly operator: string; readonly values: string[] }

// Characters that end a selector or an unquoted argument (rsql-parser's reserved set, plus space).
const RESERVED = /[\s"'();,=!~<>]/

/** Parses `filter`; throws RequestRejected (400) naming the position and what was expected. */
export function parseRsql(filter: string): RsqlNode {
  const parser = new RsqlParser(filter)
  const node = parser.parseOr()
  parser.expectEnd()
  return node
}

class RsqlParser {
  private at = 0

  constructor(private readonly text: string) {}

  parseOr(): RsqlNode {
    const children = [this.parseAnd()]
    while (this.takeLogical(',', 'or')) children.push(this.parseAnd())
    return children.length === 1 ? children[0]! : { kind: 'or', children }
  }

  expectEnd(): void {
    if (this.at < this.text.length) this.fail('a logical operator ";" or ","')
  }

  private parseAnd(): RsqlNode {
    const children = [this.parseConstraint()]
    while (this.takeLogical(';', 'and')) children.push(this.parseConstraint())
    return children.length === 1 ? children[0]! : { kind: 'and', children }
  }

  private parseConstraint(): RsqlNode {
    if (this.text[this.at] !== '(') return this.parseComparison()
    this.at++
    const inner = this.parseOr()
    if (this.text[this.at] !== ')') this.fail('")"')
    this.at++
    return inner
  }

  private parseComparison(): RsqlNode {
    const selector = this.readUnreserved('a property name')
    const operator = /^(==|!=|=[a-z]*=|<=|>=|<|>)/i.exec(this.text.slice(this.at))?.[0]
    if (!operator) this.fail('a comparison operator such as == or =in=')
    this.at += operator.length
    return { kind: 'comparison', selector, operator: operator.toLowerCase(), values: this.readArguments() }
  }

  private readArguments(): string[] {
    if (this.text[this.at] !== '(') return [this.readValue()]
    this.at++
    const values = [this.readValue()]
    while (this.text[this.at] === ',') {
      this.at++
      values.push(this.readValue())
    }
    if (this.text[this.at] !== ')') this.fail('"," or ")" in the list of arguments')
    this.at++
    return values
  }

  private readValue(): string {
    const quote = this.text[this.at]
    if (quote !== '"' && quote !== "'") return this.readUnreserved('an argument')
    let value = ''
    for (this.at++; this.at < this.text.length; this.at++) {
      const char = this.text[this.at]!
      if (char === quote) {
        this.at++
        return value
      }
      if (char === '\\') this.at++
      value += this.text[this.at] ?? ''
    }
    return this.fail(`a closing ${quote}`)
  }

  private readUnreserved(what: string): string {
    const start = this.at
    while (this.at < this.text.length && !RESERVED.test(this.text[this.at]!)) this.at++
    if (this.at === start) this.fail(what)
    return this.text.slice(start, this.at)
  }

  /** Takes `symbol`, or `word` between spaces ("title==a and name==b"). */
  private takeLogical(symbol: string, word: string): boolean {
    if (this.text[this.at] === symbol) {
      this.at++
      return true
    }
    const spelled = new RegExp(`^\\s+${word}\\s+`, 'i').exec(this.text.slice(this.at))
    if (spelled) this.at += spelled[0].length
    return spelled !== null
  }

  private fail(expected: string): never {
    const found = this.at < this.text.length ? `"${this.text.slice(this.at, this.at + 12)}"` : 'the end'
    throw new RequestRejected(
      400,
      `Invalid RSQL in parameter "filter" at character ${this.at + 1}: expected ${expected}, found ${found}.`,
    )
  }
}
