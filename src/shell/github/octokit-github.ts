import { getOctokit } from '@actions/github'
import { readHiddenMarker } from '../../core/render/escape-markdown.js'
import type { GitHubPort, MarkerKey } from './github-port.js'

/** GitHub refuses bodies over 65,536 characters; these are the sizes tried, largest first. */
const BODY_LIMITS = [60_000, 40_000, 20_000, 8_000]

/** The GitHub port over Octokit, talking to `apiUrl` (GITHUB_API_URL on a runner; GitHub Enterprise differs). */
export function createOctokitGitHub(token: string, repository: { owner: string; repo: string }, apiUrl = 'https://api.github.com'): GitHubPort {
  const octokit = getOctokit(token, { baseUrl: apiUrl })
  // A comment made before the host was known (a config too broken to read) is the same comment.
  const matches = (body: string | undefined | null, key: MarkerKey) => {
    const marker = readHiddenMarker(body ?? '')
    return marker !== undefined && marker['config'] === key.config && (marker['host'] === key.host || !marker['host'] || !key.host)
  }
  const findComment = async (issueNumber: number, key: MarkerKey) => {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repository, issue_number: issueNumber, per_page: 100 })
    return comments.find((comment) => matches(comment.body, key))
  }
  const findOpenIssue = async (key: MarkerKey) => {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repository, state: 'open', per_page: 100 })
    return issues.find((issue) => !issue.pull_request && matches(issue.body, key))
  }
  return {
    async readComment(issueNumber, key) {
      return (await findComment(issueNumber, key))?.body ?? undefined
    },
    async upsertComment(issueNumber, key, render) {
      const existing = await findComment(issueNumber, key)
      for (const limit of BODY_LIMITS) {
        const body = render(limit)
        try {
          if (existing) await octokit.rest.issues.updateComment({ ...repository, comment_id: existing.id, body })
          else await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body })
          return existing ? 'updated' : 'created'
        } catch (error) {
          if (!isTooLong(error) || limit === BODY_LIMITS[BODY_LIMITS.length - 1]) throw error
        }
      }
      throw new Error('unreachable')
    },
    async pullRequestForCommit(sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repository, commit_sha: sha })
      const merged = data.find((pull) => pull.merged_at) ?? data[0]
      return merged?.number
    },
    async upsertIssue(key, title, body) {
      const open = await findOpenIssue(key)
      if (open) {
        await octokit.rest.issues.update({ ...repository, issue_number: open.number, title, body })
        return { number: open.number, action: 'updated' }
      }
      const { data } = await octokit.rest.issues.create({ ...repository, title, body })
      return { number: data.number, action: 'created' }
    },
    async closeIssue(key, comment) {
      const open = await findOpenIssue(key)
      if (!open) return false
      await octokit.rest.issues.createComment({ ...repository, issue_number: open.number, body: comment })
      await octokit.rest.issues.update({ ...repository, issue_number: open.number, state: 'closed', state_reason: 'completed' })
      return true
    },
  }
}

/** GitHub's 422 for an over-long body: "body is too long (maximum is 65536 characters)". */
function isTooLong(error: unknown): boolean {
  const { status, message } = error as { status?: number; message?: string }
  return status === 422 && /too long/i.test(message ?? '')
}
