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
  /** The pull request, for pull_request events. */
  readonly pullRequest?: { readonly number: number; readonly fromFork: boolean }
}

/** Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_REF. */
export function readGitHubEvent(env: Readonly<Record<string, string | undefined>>): GitHubEvent {
  const payload = env['GITHUB_EVENT_PATH'] ? (JSON.parse(readFileSync(env['GITHUB_EVENT_PATH'], 'utf8')) as EventPayload) : {}
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/')
  const pr = payload.pull_request
  const defaultBranch = payload.repository?.default_branch
  return {
    name: env['GITHUB_EVENT_NAME'] ?? '',
    owner,
    repo,
    sha: env['GITHUB_SHA'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ...(defaultBranch ? { defaultBranch } : {}),
    ...(pr ? { pullRequest: { number: pr.number, fromFork: pr.head?.repo?.full_name !== undefined && pr.head.repo.full_name !== pr.base?.repo?.full_name } } : {}),
  }
}

interface EventPayload {
  pull_request?: { number: number; head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } }
  repository?: { default_branch?: string }
}

/** `auto` by event: pull requests plan, a push to the default branch applies, a schedule checks drift. */
export function resolveMode(mode: ActionMode, event: GitHubEvent): Exclude<ActionMode, 'auto'> {
  if (mode !== 'auto') return mode
  if (event.name === 'pull_request' || event.name === 'pull_request_target') return 'plan'
  if (event.name === 'push') return event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}` ? 'apply' : 'plan'
  if (event.name === 'schedule') return 'drift'
  if (event.name === 'workflow_dispatch') return 'plan'
  return 'validate'
}
