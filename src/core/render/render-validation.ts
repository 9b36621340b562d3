import type { LoadResult } from '../config/load-config.js'
import { formatProblem, MAX_LISTED_PROBLEMS, type Problem } from '../model/problem.js'

/** Counts of a valid config, for the one-line summary. */
export function summarizeValid(result: Extract<LoadResult, { ok: true }>) {
  const { users, userGroups, files } = result.state
  return { users: users.length, user_groups: userGroups.length, files: files.length }
}

/** Terminal text: one line when valid; every problem (up to the cap) and a count when not. */
export function renderValidationText(result: LoadResult, configPath: string): string {
  if (result.ok) {
    const { users, user_groups, files } = summarizeValid(result)
    return `${renderWarningsText(result.state.warnings)}${configPath}: valid: ${plural(users, 'user')}, ${plural(user_groups, 'user group')} in ${plural(files, 'file')}\n`
  }
  const listed = result.problems.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem)
  const more = result.problems.length - listed.length
  if (more > 0) listed.push(`… and ${plural(more, 'more problem')} not listed`)
  const files = new Set(result.problems.map((problem) => problem.file)).size
  listed.push(
    `${configPath}: invalid: ${plural(result.problems.length, 'problem')} in ${plural(files, 'file')}; nothing was sent to the target`,
  )
  return `${listed.join('\n')}\n`
}

/** `warning: file:line:col: message` lines, up to the cap, for what is valid but likely wrong. */
export function renderWarningsText(warnings: readonly Problem[] = []): string {
  return warnings
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((warning) => `warning: ${formatProblem(warning)}\n`)
    .join('')
}

/** A stable JSON document for machines: `{ valid, summary?, problems, problem_count }`. */
export function renderValidationJson(result: LoadResult): string {
  const body = result.ok
    ? {
        valid: true,
        summary: summarizeValid(result),
        problems: [],
        problem_count: 0,
        ...warningsJson(result.state.warnings),
      }
    : {
        valid: false,
        problems: result.problems
          .slice(0, MAX_LISTED_PROBLEMS)
          .map(({ file, line, column, message }) => ({ file, line, column, message })),
        problem_count: result.problems.length,
      }
  return `${JSON.stringify(body, null, 2)}\n`
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/** `warnings` only when there are some, so the document keeps its shape where there never are. */
function warningsJson(warnings: readonly Problem[] = []) {
  return warnings.length === 0
    ? {}
    : {
        warnings: warnings
          .slice(0, MAX_LISTED_PROBLEMS)
          .map(({ file, line, column, message }) => ({ file, line, column, message })),
      }
}
