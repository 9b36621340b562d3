/**
 * Line and column of each `idKey:` value in block-style YAML, in order, or undefined when the
 * text does not line up with the parsed ids one to one (flow style, block scalars, odd quoting):
 * then the caller asks the full YAML parser instead. Every found value is checked against its id.
 */
export function scanIdPositions(
  text: string,
  idKey: string,
  ids: readonly unknown[],
): { line: number; column: number }[] | undefined {
  const pattern = new RegExp(`^([ \\t]*(?:-[ \\t]+)?${idKey}[ \\t]*:[ \\t]*)(.*)$`, 'gm')
  const positions: { line: number; column: number }[] = []
  let line = 1
  let counted = 0
  for (const match of text.matchAll(pattern)) {
    const id = ids[positions.length]
    if (typeof id !== 'string' || scalarText(match[2]!) !== id) return undefined
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++
    counted = match.index
    positions.push({ line, column: match[1]!.length + 1 })
  }
  return positions.length === ids.length ? positions : undefined
}

/** The value of a one-line plain or quoted scalar without a trailing comment; anything else is no match. */
function scalarText(raw: string): string | undefined {
  const value = raw.replace(/[ \t]+#.*$/, '').replace(/[ \t\r]+$/, '')
  if (/^"[^"\\]*"$/.test(value) || /^'[^']*'$/.test(value)) return value.slice(1, -1)
  if (/^[.A-Za-z0-9_-]+$/.test(value)) return value
  return undefined
}
