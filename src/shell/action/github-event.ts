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
  /** The pull request, for events about one; undefined when the payload does not describe one fully. */
  readonly pullRequest?: PullRequestEvent
  /** The payload has a `pull_request` key, whatever it holds. */
  readonly hasPullRequestPayload: boolean
}

export interface PullRequestEvent {
  readonly number: number
  /** The head is another repository (or one that no longer exists): its author gets no trust, and no secrets. */
  readonly fromFork: boolean
  readonly headSha: string
  /** The commit the pull request is based on: settings read there were reviewed when they were merged. */
  readonly baseSha: string
}

/**
 * Events about a pull request (`pull_request`, `pull_request_target`, `pull_request_review`, …, or
 * any event whose payload names one): the config may be the pull request's, written before review.
 */
export function isPullRequestEvent(event: GitHubEvent): boolean {
  return event.name.startsWith('pull_request') || event.pullRequest !== undefined || event.hasPullRequestPayload
}

/** Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF. */
export function readGitHubEvent(env: Readonly<Record<string, string | undefined>>): GitHubEvent {
  const parsed: unknown = env['GITHUB_EVENT_PATH'] ? JSON.parse(readFileSync(env['GITHUB_EVENT_PATH'], 'utf8')) : {}
  const payload = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as EventPayload
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/')
  const pr =
    payload.pull_request !== null &&
    typeof payload.pull_request === 'object' &&
    typeof payload.pull_request.number === 'number'
      ? payload.pull_request
      : undefined
  const defaultBranch = payload.repository?.default_branch
  const headRepo = pr?.head?.repo?.full_name
  return {
    name: env['GITHUB_EVENT_NAME'] ?? '',
    owner,
    repo,
    sha: env['GITHUB_SHA'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ...(typeof defaultBranch === 'string' && defaultBranch ? { defaultBranch } : {}),
    hasPullRequestPayload: 'pull_request' in payload,
    ...(pr
      ? {
          pullRequest: {
            number: pr.number as number,
            fromFork: typeof headRepo !== 'string' || headRepo.toLowerCase() !== `${owner}/${repo}`.toLowerCase(),
            headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : '',
            baseSha: typeof pr.base?.sha === 'string' ? pr.base.sha : '',
          },
        }
      : {}),
  }
}

interface EventPayload {
  pull_request?: null | {
    number?: unknown
    head?: { sha?: string; repo?: { full_name?: string } | null }
    base?: { sha?: string; repo?: { full_name?: string } }
  }
  repository?: { default_branch?: string }
}

/** `auto` by event: pull requests plan, a push to the default branch applies, a schedule checks drift. */
export function resolveMode(mode: ActionMode, event: GitHubEvent): Exclude<ActionMode, 'auto'> {
  if (mode !== 'auto') return mode
  if (isPullRequestEvent(event)) return 'plan'
  if (event.name === 'push')
    return event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}` ? 'apply' : 'plan'
  if (event.name === 'schedule') return 'drift'
  if (event.name === 'workflow_dispatch') return 'plan'
  return 'validate'
}
