import { showPath, visibleText } from '../render/inert-text.js'

/** Where something stands in a config file: 1-based line and column. */
export interface SourcePosition {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** One thing wrong with the config, at a place a person can open. */
export interface Problem extends SourcePosition {
  readonly message: string
}

/** The most problems one report lists; the rest are counted, not listed. */
export const MAX_LISTED_PROBLEMS = 200

/** Orders problems by file, then line, then column, so reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  )
}

/**
 * `file:line:col: message`, the form editors and CI logs link to. An unusual file name is quoted and
 * invisible characters are shown as escapes, so no line can start a workflow command or act on a terminal.
 */
export function formatProblem(problem: Problem): string {
  return `${formatPosition(problem)}: ${visibleText(problem.message)}`
}

/** `file:line:col`. */
export function formatPosition(position: SourcePosition): string {
  return `${showPath(position.file)}:${position.line}:${position.column}`
}
