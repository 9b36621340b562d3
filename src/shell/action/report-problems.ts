import { formatProblem, type Problem } from '../../core/model/problem.js'
import { escapeMarkdown } from '../../core/render/escape-markdown.js'
import type { ActionPublisher } from './action-context.js'

const ANNOTATED = 10

/** The first problems as annotations on their file and line, every one of them in the job summary. */
export async function reportProblems(
  publisher: ActionPublisher,
  problems: readonly Problem[],
  config: string,
): Promise<string> {
  for (const problem of problems.slice(0, ANNOTATED)) publisher.annotate(problem)
  const lines = problems.map((problem) => `- ${escapeMarkdown(formatProblem(problem))}`)
  await publisher.summary(
    `### ❌ ${escapeMarkdown(config)}: ${problems.length} config ${problems.length === 1 ? 'problem' : 'problems'}\n\nNothing was sent to the target.\n\n${lines.join('\n')}\n`,
  )
  return `${problems.length} config ${problems.length === 1 ? 'problem' : 'problems'}; first: ${formatProblem(problems[0]!)}`
}

/** The same problems for a pull request comment, listed (up to 50) under the marker. */
export function problemsComment(marker: string, problems: readonly Problem[], config: string): string {
  const lines = problems.slice(0, 50).map((problem) => `- ${escapeMarkdown(formatProblem(problem))}`)
  const more = problems.length > 50 ? `\n… and ${problems.length - 50} more in the job summary.` : ''
  return `${marker}\n### ❌ ${escapeMarkdown(config)}: the config has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}\n\nNo plan was made and nothing was sent to the target.\n\n${lines.join('\n')}${more}\n`
}
