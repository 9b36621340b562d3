import { readFileSync } from 'node:fs'
import type { ActionMode } from './action-inputs.js'

/** What the action needs to know about the event that started it. */
export interface GitHubEvent {
  readonly name: string
  readonly owner: string
  readonly repo: string
  readonly sha: string
  readonly ref: string
  readonly defaultBranch?: string
  /** The pull request, for pull_request and pull_request_target events. */
  readonly pullRequest?: PullRequestEvent
}

export interface PullRequestEvent {
  readonly number: number
  /** The head is another repository (or one that no longer exists): its author gets no trust, and no secrets. */
  readonly fromFork: boolean
  readonly headSha: string
  /** The commit the pull request is based on: settings read there were reviewed when they were merged. */
  readonly baseSha: string
}

/** Events whose content (the config) is written by whoever opened the pull request, before review. */
export function isPullRequestEvent(event: GitHubEvent): boolean {
  return event.name === 'pull_request' || event.name === 'pull_request_target'
}

/** Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF. */
export function readGitHubEvent(env: Readonly<Record<string, string | undefined>>): GitHubEvent {
  const payload = env['GITHUB_EVENT_PATH'] ? (JSON.parse(readFileSync(env['GITHUB_EVENT_PATH'], 'utf8')) as EventPayload) : {}
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/')
  const pr = payload.pull_request
  const defaultBranch = payload.repository?.default_branch
  const headRepo = pr?.head?.repo?.full_name
  return {
    name: env['GITHUB_EVENT_NAME'] ?? '',
    owner,
    repo,
    sha: env['GITHUB_SHA'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ...(defaultBranch ? { defaultBranch } : {}),
    ...(pr
      ? {
          pullRequest: {
            number: pr.number,
            fromFork: typeof headRepo !== 'string' || headRepo.toLowerCase() !== `${owner}/${repo}`.toLowerCase(),
            headSha: pr.head?.sha ?? '',
            baseSha: pr.base?.sha ?? '',
          },
        }
      : {}),
  }
}

interface EventPayload {
  pull_request?: { number: number; head?: { sha?: string; repo?: { full_name?: string } | null }; base?: { sha?: string; repo?: { full_name?: string } } }
  repository?: { default_branch?: string }
}

/** `auto` by event: pull requests plan, a push to the default branch applies, a schedule checks drift. */
export function resolveMode(mode: ActionMode, event: GitHubEvent): Exclude<ActionMode, 'auto'> {
  if (mode !== 'auto') return mode
  if (isPullRequestEvent(event)) return 'plan'
  if (event.name === 'push') return event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}` ? 'apply' : 'plan'
  if (event.name === 'schedule') return 'drift'
  if (event.name === 'workflow_dispatch') return 'plan'
  return 'validate'
}
