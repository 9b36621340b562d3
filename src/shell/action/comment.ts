import type { MarkerKey } from '../github/github-port.js'
import type { ActionContext } from './action-context.js'

/** Posts or updates our comment; a refusal (a fork's read-only token) is a warning, not a failure. */
export async function comment(
  context: ActionContext,
  issueNumber: number,
  key: MarkerKey,
  render: (limit: number) => string,
): Promise<void> {
  if (!context.github || !context.inputs.comment) return
  try {
    const action = await context.github.upsertComment(issueNumber, key, render)
    context.publisher.info(`comment on #${issueNumber}: ${action}`)
  } catch (error) {
    context.publisher.warning(
      `could not comment on #${issueNumber}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
