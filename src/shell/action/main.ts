import { tmpdir } from 'node:os'
import * as core from '@actions/core'
import { GitHubError } from '../github/github-error.js'
import { createOctokitGitHub } from '../github/octokit-github.js'
import { ApiError } from '../http/api-error.js'
import { adapterFor } from '../targets/connect-target.js'
import { readCredentials } from '../targets/read-credentials.js'
import { makeInert } from '../inert-output.js'
import { UsageError } from '../usage-error.js'
import { InputError, readActionInputs } from './action-inputs.js'
import { EMPTY_OUTPUTS } from './action-context.js'
import { readGitHubEvent, resolveMode } from './github-event.js'
import { corePublisher } from './core-publisher.js'
import { runActionMode } from './run-action-mode.js'

/** The action's entry: inputs → one mode → outputs, with the one place that fails the job. */
export async function run(): Promise<void> {
  try {
    const inputs = readActionInputs((name) => core.getInput(name))
    // Masked before anything can print or send them.
    for (const secret of [inputs.token, inputs.password, inputs.githubToken]) if (secret) core.setSecret(secret)
    const event = readGitHubEvent(process.env)
    const mode = resolveMode(inputs.mode, event)
    core.info(`user-provisioning-action: ${mode} (event ${event.name || 'unknown'}) for ${inputs.config}`)
    const result = await runActionMode(mode, {
      inputs,
      event,
      cwd: process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
      tempDir: process.env['RUNNER_TEMP'] ?? tmpdir(),
      github:
        inputs.githubToken && event.owner
          ? createOctokitGitHub(
              inputs.githubToken,
              { owner: event.owner, repo: event.repo },
              githubOptions(inputs.commentAuthor),
            )
          : undefined,
      connect: (settings) => {
        const adapter = adapterFor(settings.type)
        const credentials = readCredentials(adapter, 'input', (part) => inputs[part.input])
        return adapter.create({
          host: settings.host,
          credentials,
          settings,
          concurrency: inputs.concurrency,
          onRetry: ({ method, path, reason, delayMs }) =>
            core.info(`retry: ${method} ${path} (${reason}) in ${delayMs} ms`),
        })
      },
      publisher: corePublisher(),
    })
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    if (result.failure) core.setFailed(makeInert(result.failure))
  } catch (error) {
    for (const [name, value] of Object.entries(EMPTY_OUTPUTS)) core.setOutput(name, value)
    const known =
      error instanceof InputError ||
      error instanceof UsageError ||
      error instanceof ApiError ||
      error instanceof GitHubError
    core.setFailed(
      makeInert(known ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`),
    )
  }
}

function githubOptions(author: string | undefined) {
  const apiUrl = process.env['GITHUB_API_URL']
  return {
    ...(apiUrl ? { apiUrl } : {}),
    ...(author ? { author } : {}),
    onWarning: (line: string) => core.warning(line),
  }
}
