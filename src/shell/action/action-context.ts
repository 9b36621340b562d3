import type { Problem } from '../../core/model/problem.js'
import type { GitHubPort } from '../github/github-port.js'
import type { TargetSettings } from '../../core/model/entities.js'
import type { Target } from '../targets/target.js'
import type { ActionInputs } from './action-inputs.js'
import type { GitHubEvent } from './github-event.js'

/** Where the action reports: log lines, annotations, the job summary, outputs. */
export interface ActionPublisher {
  info(line: string): void
  warning(line: string): void
  annotate(problem: Problem): void
  summary(markdown: string): Promise<void>
  /** Terminal text in a collapsed group of the job log: the plan, the journal. */
  group(title: string, text: string): void
}

/** Everything a mode needs, built once at the entry. */
export interface ActionContext {
  readonly inputs: ActionInputs
  readonly event: GitHubEvent
  readonly cwd: string
  /** Where the JSON plan is written. */
  readonly tempDir: string
  readonly publisher: ActionPublisher
  /** Undefined when there is no github-token; comments and issues are written only when the comment input is true. */
  readonly github: GitHubPort | undefined
  /** Builds a target of a type for a trusted host with the credential inputs; the client settings come from the inputs. */
  readonly connect: (target: TargetSettings & { readonly host: string }) => Target
}

/** The outputs every run sets, with their values when nothing was planned. */
export const EMPTY_OUTPUTS = {
  'has-changes': 'false',
  creates: '0',
  updates: '0',
  deletes: '0',
  blocked: 'false',
  'plan-hash': '',
  'plan-json': '',
  applied: '0',
  failed: '0',
} as const

export type ActionOutputs = { -readonly [K in keyof typeof EMPTY_OUTPUTS]: string }

/** How a run ended: its outputs, and why it failed when it did. */
export interface ActionResult {
  readonly outputs: ActionOutputs
  readonly failure?: string
}
