import type { LoadMode } from '../../core/model/entities.js'

export type ActionMode = 'auto' | 'validate' | 'plan' | 'apply' | 'drift'

/** The action's inputs, parsed once; unset optional inputs are undefined. */
export interface ActionInputs {
  readonly config: string
  readonly host?: string
  readonly token?: string
  /** The legacy GoodData Platform's login and password, when no token (SST) is given. */
  readonly username?: string
  readonly password?: string
  readonly load?: LoadMode
  readonly mode: ActionMode
  readonly allowBlocked: boolean
  readonly comment: boolean
  readonly githubToken?: string
  /** The login our comments and issues are written by, when the github-token is a GitHub App's. */
  readonly commentAuthor?: string
  readonly concurrency: number
  readonly failOnDrift: boolean
}

/** A bad input: names the input, quotes the value and says what is expected. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

/** Reads and checks every input through `read` (core.getInput in the action). */
export function readActionInputs(read: (name: string) => string): ActionInputs {
  const optional = (name: string) => {
    const value = read(name).trim()
    return value === '' ? undefined : value
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined => {
    const value = optional(name)
    if (value === undefined) return fallback
    if (!(allowed as readonly string[]).includes(value))
      throw new InputError(`input ${name}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`)
    return value as T
  }
  const flag = (name: string, fallback: boolean) => {
    const value = optional(name)?.toLowerCase()
    if (value === undefined) return fallback
    if (value === 'true') return true
    if (value === 'false') return false
    throw new InputError(`input ${name}: ${JSON.stringify(read(name).trim())} is not a boolean; write true or false`)
  }
  const concurrencyText = optional('concurrency') ?? '8'
  const concurrency = Number(concurrencyText)
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 64) {
    throw new InputError(`input concurrency: ${JSON.stringify(concurrencyText)} is not a whole number from 1 to 64`)
  }
  const host = optional('host')
  const token = optional('token')
  const username = optional('username')
  // A password is taken as it is: spaces may be part of it.
  const password = read('password') === '' ? undefined : read('password')
  const load = oneOf<LoadMode>('load', ['full', 'incremental'])
  const githubToken = optional('github-token')
  const commentAuthor = optional('comment-author')
  if (commentAuthor !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(commentAuthor)) {
    throw new InputError(
      `input comment-author: ${JSON.stringify(commentAuthor)} is not a GitHub login; write it like my-app[bot]`,
    )
  }
  return {
    config: optional('config') ?? '.',
    ...(host === undefined ? {} : { host }),
    ...(token === undefined ? {} : { token }),
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(load === undefined ? {} : { load }),
    mode: oneOf<ActionMode>('mode', ['auto', 'validate', 'plan', 'apply', 'drift'], 'auto')!,
    allowBlocked: flag('allow-blocked', false),
    comment: flag('comment', true),
    ...(githubToken === undefined ? {} : { githubToken }),
    ...(commentAuthor === undefined ? {} : { commentAuthor }),
    concurrency,
    failOnDrift: flag('fail-on-drift', false),
  }
}
