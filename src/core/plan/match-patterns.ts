/** Compiles id globs (`*` any run, `?` one character, everything else literal) into one matcher. */
export function compilePatterns(patterns: readonly string[]): (id: string) => string | undefined {
  const compiled = patterns.map((pattern) => ({
    pattern,
    regex: new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`),
  }))
  return (id) => compiled.find(({ regex }) => regex.test(id))?.pattern
}
