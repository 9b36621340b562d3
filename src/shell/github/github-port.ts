/** Which sticky comment or drift issue is ours: one per config folder and target host. */
export interface MarkerKey {
  readonly config: string
  readonly host: string
}

/** The pull request a pushed commit came from, and the head commit its review saw. */
export interface MergedPullRequest {
  readonly number: number
  readonly headSha: string
}

/**
 * The few GitHub operations the action uses; the real one is Octokit, tests use a loopback fake.
 * Comments and issues count as ours only when they carry our marker **and** our identity wrote them:
 * anyone who can comment can copy the marker.
 */
export interface GitHubPort {
  /** The body of our comment on an issue or pull request, if there is one. */
  readComment(issueNumber: number, key: MarkerKey): Promise<string | undefined>
  /** Updates our comment in place, or creates it; `render(limit)` gives a body within a size. */
  upsertComment(issueNumber: number, key: MarkerKey, render: (limit: number) => string): Promise<'created' | 'updated'>
  /** The pull request a pushed commit came from. */
  pullRequestForCommit(sha: string): Promise<MergedPullRequest | undefined>
  /** Opens our drift issue, or updates the open one. */
  upsertIssue(key: MarkerKey, title: string, body: string): Promise<{ number: number; action: 'created' | 'updated' }>
  /** Closes our open drift issue with a comment; false when none was open. */
  closeIssue(key: MarkerKey, comment: string): Promise<boolean>
  /** A file's text at a commit (the contents API), or undefined when it does not exist there. */
  readFileAt(path: string, ref: string): Promise<string | undefined>
}
