/** GitHub refused or did not answer a request the action made (a comment, an issue, a file read). */
export class GitHubError extends Error {
  override readonly name = 'GitHubError'
  readonly status: number | undefined

  constructor(operation: string, cause: unknown) {
    const status = (cause as { status?: unknown } | null)?.status
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
    super(`GitHub: ${operation} failed${typeof status === 'number' ? ` (${status})` : ''}: ${reason}`, { cause })
    this.status = typeof status === 'number' ? status : undefined
  }
}

/** Runs one GitHub operation; whatever it throws comes back as a GitHubError that names it. */
export async function askGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw error instanceof GitHubError ? error : new GitHubError(operation, error)
  }
}
