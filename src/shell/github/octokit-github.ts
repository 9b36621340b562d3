import { getOctokit } from '@actions/github'
import { readHiddenMarker } from '../../core/render/escape-markdown.js'
import { askGitHub } from './github-error.js'
import type { GitHubPort, MarkerKey } from './github-port.js'

/** GitHub refuses bodies over 65,536 characters; these are the sizes tried, largest first. */
const BODY_LIMITS = [60_000, 40_000, 20_000, 8_000]

/** Who the workflow's own token writes as; that token may not call `GET /user`. */
export const WORKFLOW_TOKEN_AUTHOR = 'github-actions[bot]'

/** A settings file larger than this is not read from GitHub (provisioning.yaml is a few lines). */
const MAX_FILE_BYTES = 1024 * 1024

export interface OctokitGitHubOptions {
  /** GITHUB_API_URL on a runner; GitHub Enterprise differs. */
  readonly apiUrl?: string
  /** The login our comments are written by, when `GET /user` cannot tell (a GitHub App's token). */
  readonly author?: string
  /** Told when GitHub shows our new comment or issue under another login than the one we look for. */
  readonly onWarning?: (line: string) => void
}

/** The GitHub port over Octokit. */
export function createOctokitGitHub(
  token: string,
  repository: { owner: string; repo: string },
  options: OctokitGitHubOptions = {},
): GitHubPort & { author(): Promise<string> } {
  const octokit = getOctokit(token, { baseUrl: options.apiUrl ?? 'https://api.github.com' })
  let author: Promise<string> | undefined
  const whoAmI = () =>
    (author ??= options.author
      ? Promise.resolve(options.author)
      : octokit.rest.users.getAuthenticated().then(
          ({ data }) => data.login,
          (error: unknown) => {
            // The workflow token answers 403 "Resource not accessible by integration".
            if (statusOf(error) === 403 || statusOf(error) === 404) return WORKFLOW_TOKEN_AUTHOR
            throw error
          },
        ))
  // A GitHub App's token also answers 403 to GET /user: what GitHub says wrote our comment settles it.
  const checkAuthor = async (written: { user?: { login?: string } | null }) => {
    const login = written.user?.login
    const expected = await whoAmI()
    if (login && login.toLowerCase() !== expected.toLowerCase()) {
      options.onWarning?.(
        `GitHub shows this action's comments as written by ${login}, but it looks for ones by ${expected}, so it cannot find them again; set the comment-author input to ${login}`,
      )
    }
  }
  // A pull request has one comment per config, whatever host it was planned against (a changed host input must not leave a stale one);
  // a drift issue is per config and host. A marker made before the host was known (a config too broken to read) matches either way.
  const matches = (
    item: { body?: string | null; user?: { login?: string } | null },
    key: MarkerKey,
    login: string,
    byHost: boolean,
  ) => {
    if (item.user?.login?.toLowerCase() !== login.toLowerCase()) return false
    const marker = readHiddenMarker(item.body ?? '')
    return (
      marker !== undefined &&
      marker['config'] === key.config &&
      (!byHost || marker['host'] === key.host || !marker['host'] || !key.host)
    )
  }
  const findComment = async (issueNumber: number, key: MarkerKey) => {
    const login = await whoAmI()
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repository,
      issue_number: issueNumber,
      per_page: 100,
    })
    return comments.find((comment) => matches(comment, key, login, false))
  }
  const findOpenIssue = async (key: MarkerKey) => {
    const login = await whoAmI()
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repository,
      state: 'open',
      per_page: 100,
    })
    return issues.find((issue) => !issue.pull_request && matches(issue, key, login, true))
  }
  return {
    author: whoAmI,
    readComment: (issueNumber, key) =>
      askGitHub(
        `reading the comments of #${issueNumber}`,
        async () => (await findComment(issueNumber, key))?.body ?? undefined,
      ),
    upsertComment: (issueNumber, key, render) =>
      askGitHub(`commenting on #${issueNumber}`, async () => {
        const existing = await findComment(issueNumber, key)
        for (const limit of BODY_LIMITS) {
          const body = render(limit)
          try {
            if (existing) {
              await octokit.rest.issues.updateComment({ ...repository, comment_id: existing.id, body })
              return 'updated'
            }
            await checkAuthor(
              (await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body })).data,
            )
            return 'created'
          } catch (error) {
            if (!isTooLong(error) || limit === BODY_LIMITS[BODY_LIMITS.length - 1]) throw error
          }
        }
        throw new Error('unreachable')
      }),
    pullRequestForCommit: (sha) =>
      askGitHub(`finding the pull request of ${sha.slice(0, 12)}`, async () => {
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
          ...repository,
          commit_sha: sha,
        })
        const merged =
          data.find((pull) => pull.merge_commit_sha === sha && pull.merged_at) ??
          data.find((pull) => pull.merged_at) ??
          data[0]
        return merged ? { number: merged.number, headSha: merged.head.sha } : undefined
      }),
    upsertIssue: (key, title, body) =>
      askGitHub('opening or updating the drift issue', async () => {
        const open = await findOpenIssue(key)
        if (open) {
          await octokit.rest.issues.update({ ...repository, issue_number: open.number, title, body })
          return { number: open.number, action: 'updated' }
        }
        const { data } = await octokit.rest.issues.create({ ...repository, title, body })
        await checkAuthor(data)
        return { number: data.number, action: 'created' as const }
      }),
    closeIssue: (key, comment) =>
      askGitHub('closing the drift issue', async () => {
        const open = await findOpenIssue(key)
        if (!open) return false
        await octokit.rest.issues.createComment({ ...repository, issue_number: open.number, body: comment })
        await octokit.rest.issues.update({
          ...repository,
          issue_number: open.number,
          state: 'closed',
          state_reason: 'completed',
        })
        return true
      }),
    async readFileAt(path, ref) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repository, path, ref })
        if (Array.isArray(data) || data.type !== 'file') return undefined
        if (data.size > MAX_FILE_BYTES || data.encoding !== 'base64')
          throw new Error(`${path} at ${ref.slice(0, 12)} is larger than ${MAX_FILE_BYTES / 1024} KiB`)
        return Buffer.from(data.content, 'base64').toString('utf8')
      } catch (error) {
        if (statusOf(error) === 404) return undefined
        throw error
      }
    },
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status
}

/** GitHub's 422 for an over-long body: "body is too long (maximum is 65536 characters)". */
function isTooLong(error: unknown): boolean {
  const { status, message } = error as { status?: number; message?: string }
  return status === 422 && /too long/i.test(message ?? '')
}
