import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { startFakeGitHub } from '../emulators/github/fake-github.js'
import {
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'
import { organization, user, writeConfig } from '../support/scenario.js'
import type { ActionRun } from './run-action.js'

export const TOKEN = 'tok/en+Secret=value-1234'
export const GITHUB_TOKEN = 'ghs_fakeGitHubToken0123456789'
export const HEAD_SHA = 'head0000000000000000000000000000000000001'
export const BASE_SHA = 'base0000000000000000000000000000000000001'

export const CONFIG = {
  'groups.yaml': 'user_groups:\n  - user_group_id: analysts\n    user_group_name: Analysts\n',
  'users.yaml': 'users:\n  - user_id: ann\n    email: ann@example.com\n    user_groups: [analysts]\n  - user_id: bob\n',
}

const closers: (() => Promise<void> | void)[] = []

/** Closes everything the worlds of one test started; call it from afterEach. */
export async function closeWorlds(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close()
}

export interface WorldOptions {
  files?: Record<string, string>
  seed?: Parameters<typeof organization>[0]
  filler?: number
  injectFault?: EmulatorOptions['injectFault']
  /** Files on the pull request's base commit, by path from the repository root. */
  baseFiles?: Record<string, string>
}

/**
 * A workspace with a config folder, the GoodData emulator, a fake GitHub, and the event payloads of
 * a pull request (#7, head HEAD_SHA on base BASE_SHA) and of its merge (commit merged123).
 */
export async function world(options: WorldOptions = {}) {
  const workspace = writeConfig(options.files ?? CONFIG)
  const emulator: RunningEmulator = await startGoodDataEmulator({
    extraTokens: { [TOKEN]: 'admin' },
    token: 'bootstrap-token-unused',
    seed: organization(options.seed ?? { users: [user('gone')] }),
    ...(options.injectFault ? { injectFault: options.injectFault } : {}),
  })
  const baseFiles: Record<string, string> = { ...options.baseFiles }
  const github = await startFakeGitHub({
    token: GITHUB_TOKEN,
    issueNumber: 7,
    filler: options.filler ?? 0,
    pullsForCommit: { merged123: [{ number: 7, headSha: HEAD_SHA }] },
    files: { [BASE_SHA]: baseFiles },
  })
  closers.push(
    workspace.cleanUp,
    () => emulator.close(),
    () => github.close(),
  )
  const inputs: Record<string, string> = {
    config: 'config',
    host: emulator.url,
    token: TOKEN,
    'github-token': GITHUB_TOKEN,
    concurrency: '4',
  }
  const pr = {
    pull_request: {
      number: 7,
      head: { sha: HEAD_SHA, repo: { full_name: 'acme/access' } },
      base: { sha: BASE_SHA, repo: { full_name: 'acme/access' } },
    },
    repository: { default_branch: 'main' },
  }
  const push = { repository: { default_branch: 'main' } }
  const ours = () =>
    github.comments.filter(
      (comment) => comment.author === 'github-actions[bot]' && comment.body.includes('<!-- user-provisioning-action'),
    )
  return { workspace: workspace.cwd, emulator, github, inputs, pr, push, ours, baseFiles }
}

/** A loopback server that answers 200 to anything and records it: the host a pull request would like the token sent to. */
export async function startRecordingServer() {
  const requests: { method: string; path: string; authorization: string | undefined }[] = []
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
    })
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end('{"data":[]}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  closers.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))))
  return { url, requests }
}

/** Every place a run leaves text, searched for the token in each form it could leak in. */
export function expectNoSecrets(run: ActionRun, extra: string[] = []) {
  // `::add-mask::` lines are the runner's instruction to mask (core.setSecret): it consumes them and shows none.
  const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))
  expect(masks.map((line) => line.slice('::add-mask::'.length))).toEqual([TOKEN, GITHUB_TOKEN])
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const texts = [log, run.stderr, run.summary, readFileSync(run.outputFile, 'utf8'), ...extra]
  if (run.outputs['plan-json']) texts.push(readFileSync(run.outputs['plan-json'], 'utf8'))
  for (const secret of [TOKEN, GITHUB_TOKEN]) {
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
      for (const text of texts) expect(text.includes(form), `a form of a token leaked: ${form}`).toBe(false)
    }
  }
}
