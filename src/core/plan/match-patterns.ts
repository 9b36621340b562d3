/** Compiles id globs (`*` any run, `?` one character, everything else literal) into one matcher. */
export function compilePatterns(patterns: readonly string[]): (id: string) => string | undefined {
  const compiled = patterns.map((pattern) => ({
    pattern,
    // `s`: a server's id may hold a line break, and `?` or `*` must match it too (export writes such patterns).
    regex: new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\-]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    ),
  }))
  return (id) => compiled.find(({ regex }) => regex.test(id))?.pattern
}
