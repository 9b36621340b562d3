import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { escapeMarkdown, hiddenMarker } from '../../src/core/render/escape-markdown.js'
import { user } from '../support/scenario.js'
import {
  BASE_SHA,
  CONFIG,
  HEAD_SHA,
  TOKEN,
  closeWorlds,
  expectNoSecrets,
  startRecordingServer,
  world,
} from './action-world.js'
import { runAction } from './run-action.js'

afterEach(closeWorlds)

/** A config whose provisioning.yaml, written by the pull request, names `host`. */
const configNaming = (host: string) => ({ ...CONFIG, 'provisioning.yaml': `target:\n  host: ${host}\n` })

describe('on a pull request the token goes only to a trusted host', () => {
  it('with the host input set, the host the pull request writes gets no request', async () => {
    const evil = await startRecordingServer()
    const w = await world({ files: configNaming(evil.url) })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(evil.requests).toEqual([])
    expect(w.emulator.requestLog.length).toBeGreaterThan(0)
    expect(w.ours()).toHaveLength(1)
    expect(w.ours()[0]!.body).toContain(
      `### User provisioning plan: <code>config</code> → ${escapeMarkdown(w.emulator.url)}`,
    )
    expectNoSecrets(run, [w.ours()[0]!.body])
  })

  it('with only the base commit naming the host, plans there and says at the top that the pull request moves provisioning', async () => {
    const evil = await startRecordingServer()
    const w = await world({ files: configNaming(evil.url) })
    w.baseFiles['config/provisioning.yaml'] = `target:\n  host: ${w.emulator.url}\n`
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: { ...w.inputs, host: '' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(evil.requests).toEqual([])
    expect(w.github.requests.map((request) => request.path)).toContain(
      `/repos/acme/access/contents/config%2Fprovisioning.yaml?ref=${BASE_SHA}`,
    )
    const body = w.ours()[0]!.body
    const code = (url: string) => `<code>${escapeMarkdown(url)}</code>`
    expect(body.split('\n').slice(1, 5)).toEqual([
      `### User provisioning plan: <code>config</code> → ${escapeMarkdown(w.emulator.url)}`,
      '',
      '> [!CAUTION]',
      `> **This pull request moves provisioning** from ${code(w.emulator.url)} to ${code(evil.url)}.`,
    ])
    expect(body).toContain(`After the merge, apply will run against ${code(evil.url)}.`)
    expect(run.stdout).toContain(
      `::warning::this pull request moves provisioning from ${w.emulator.url} to ${evil.url}; the plan ran against ${w.emulator.url}`,
    )
  })

  it.each([
    [
      'the base commit has no provisioning.yaml',
      {},
      /provisioning.yaml on the base commit base00000000 names no target.host/,
    ],
    ['the base names no host', { 'config/provisioning.yml': 'load: full\n' }, /names no target.host/],
    [
      'the base file is invalid',
      { 'config/provisioning.yaml': 'target: [\n' },
      /provisioning.yaml on the base commit is invalid/,
    ],
  ])(
    'when %s and the host input is empty, validates only, sends nothing, and fails naming the host input',
    async (_, baseFiles, reason) => {
      const evil = await startRecordingServer()
      const w = await world({ files: configNaming(evil.url), baseFiles })
      const run = await runAction({
        workspace: w.workspace,
        eventName: 'pull_request_target',
        payload: w.pr,
        inputs: { ...w.inputs, host: '' },
        githubApiUrl: w.github.url,
      })
      expect(run.exitCode).toBe(1)
      const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!
      expect(error).toMatch(reason)
      expect(error).toContain("set the action's host input to the organization's URL")
      expect(evil.requests).toEqual([])
      expect(w.emulator.requestLog).toEqual([])
      expect(w.ours()[0]!.body).toContain('the config is valid; no plan was made')
    },
  )

  it.each([
    ['pull_request_review', 'plan', 0],
    ['pull_request_review_comment', 'plan', 0],
    ['pull_request_review', 'apply', 1],
  ])(
    'treats %s (mode %s) as a pull request event: the host the pull request writes gets nothing',
    async (eventName, mode, exitCode) => {
      const evil = await startRecordingServer()
      const w = await world({ files: configNaming(evil.url) })
      w.baseFiles['config/provisioning.yaml'] = `target:\n  host: ${w.emulator.url}\n`
      const run = await runAction({
        workspace: w.workspace,
        eventName,
        payload: w.pr,
        inputs: { ...w.inputs, host: '', mode },
        githubApiUrl: w.github.url,
      })
      expect(run.exitCode, run.stdout).toBe(exitCode)
      expect(evil.requests).toEqual([])
      expect(w.emulator.requestLog.filter((request) => request.method !== 'GET')).toEqual([])
      if (mode === 'apply') expect(run.stdout).toContain(`::error::mode apply does not run on ${eventName} events`)
    },
  )

  it.each([
    ['no pull request in the payload', {}],
    ['a null pull request', { pull_request: null }],
    ['a pull request without a number', { pull_request: { head: { sha: 'x' } } }],
    ['a payload that is not an object', null],
  ])('on a pull_request event with %s, fails closed and sends nothing', async (_, payload) => {
    const evil = await startRecordingServer()
    const w = await world({ files: configNaming(evil.url) })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload,
      inputs: { ...w.inputs, host: '' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::the pull_request event's payload describes no pull request (number, head and base); nothing was sent to the target",
    )
    expect(evil.requests).toEqual([])
    expect(w.emulator.requestLog).toEqual([])
  })

  it('never shows a password written into the config host, in the log, the summary or the comment', async () => {
    const w = await world({ files: configNaming('https://admin:hunter2/x@analytics.example.com') })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('target.host must not carry a user or password')
    for (const text of [run.stdout, run.stderr, run.summary, ...w.github.comments.map((comment) => comment.body)])
      expect(text).not.toContain('hunter2')
  })

  it.each([
    [
      'plain http:// to a remote server',
      'http://analytics.example.com',
      'uses plain http://, which would send the token in clear text; use https://',
    ],
    ['a user and password', 'https://admin:hunter2@analytics.example.com', 'host must not carry a user or password'],
  ])('refuses a host input with %s before any request, without echoing credentials', async (_, host, message) => {
    const w = await world()
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'push',
      payload: w.push,
      ref: 'refs/heads/main',
      sha: 'merged123',
      inputs: { ...w.inputs, host },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(message)
    expect(run.stdout + run.stderr + run.summary).not.toContain('hunter2')
    expect(w.emulator.requestLog).toEqual([])
  })
})

describe('only our own comments and issues are ours', () => {
  it('leaves a forged marked comment untouched and creates its own beside it', async () => {
    const w = await world()
    const forged = w.github.addComment(7, `${hiddenMarker({ config: 'config', host: '' })}\nforged`, 'mallory')
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toContain('comment on #7: created')
    expect(forged.body).toBe(`${hiddenMarker({ config: 'config', host: '' })}\nforged`)
    expect(w.github.requests.filter((request) => request.method === 'PATCH')).toEqual([])
    expect(w.ours()).toHaveLength(1)
    expect(w.ours()[0]!.body).toContain(`"head":"${HEAD_SHA}"`)
  })

  it('never retitles or closes a forged drift issue: opens and closes its own', async () => {
    const w = await world()
    const forgedBody = `${hiddenMarker({ config: 'config', host: w.emulator.url })}\nmine`
    const forged = w.github.addIssue('Please read', forgedBody, 'mallory')
    const schedule = () =>
      runAction({
        workspace: w.workspace,
        eventName: 'schedule',
        payload: w.push,
        ref: 'refs/heads/main',
        inputs: w.inputs,
        githubApiUrl: w.github.url,
      })
    expect((await schedule()).stdout).toMatch(/drift: created issue #\d+/)
    await runAction({
      workspace: w.workspace,
      eventName: 'workflow_dispatch',
      payload: w.push,
      ref: 'refs/heads/main',
      inputs: { ...w.inputs, mode: 'apply' },
      githubApiUrl: w.github.url,
    })
    expect((await schedule()).stdout).toContain('drift: gone; closed the drift issue')
    expect(forged).toMatchObject({ title: 'Please read', body: forgedBody, state: 'open' })
    expect(
      w.github.issues.filter((issue) => issue.author === 'github-actions[bot]').map((issue) => issue.state),
    ).toEqual(['closed'])
    expect(w.github.requests.filter((request) => request.path.includes(`/issues/${forged.number}`))).toEqual([])
  })

  it('at a merge after the organization changed, lists the unreviewed change although a forged comment claims the live hash', async () => {
    const w = await world()
    await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    w.emulator.state.users.set('carol', user('carol'))
    const live = await runAction({
      workspace: w.workspace,
      eventName: 'workflow_dispatch',
      payload: w.push,
      ref: 'refs/heads/main',
      inputs: { ...w.inputs, comment: 'false' },
      githubApiUrl: w.github.url,
    })
    const liveHash = live.outputs['plan-hash']!
    const forgedBody = `${hiddenMarker({ config: 'config', host: w.emulator.url, head: HEAD_SHA, hash: liveHash })}\nLooks good`
    // Placed first, so a finder by marker alone would take it.
    w.github.comments.unshift({ id: 1, issueNumber: 7, body: forgedBody, author: 'mallory' })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'push',
      payload: w.push,
      ref: 'refs/heads/main',
      sha: 'merged123',
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const body = w.ours()[0]!.body
    expect(body).not.toContain('The applied plan is the one reviewed here')
    expect(body).toContain('1 applied change was not reviewed:\n> - delete user <code>carol</code>')
    expect(w.github.comments[0]!.body).toBe(forgedBody)
  })

  it.each([
    [
      'only a forged comment',
      (w: Awaited<ReturnType<typeof world>>, hash: string) =>
        void w.github.addComment(
          7,
          `${hiddenMarker({ config: 'config', host: w.emulator.url, head: HEAD_SHA, hash })}`,
          'mallory',
        ),
    ],
    [
      'our plan of an earlier commit',
      (w: Awaited<ReturnType<typeof world>>, hash: string) =>
        void w.github.addComment(
          7,
          `${hiddenMarker({ config: 'config', host: w.emulator.url, head: 'an-earlier-commit', hash })}`,
          'github-actions[bot]',
        ),
    ],
  ])(
    'with %s, says no reviewed plan was found for the merged commit and lists every applied change',
    async (_, plant) => {
      const w = await world()
      const live = await runAction({
        workspace: w.workspace,
        eventName: 'workflow_dispatch',
        payload: w.push,
        ref: 'refs/heads/main',
        inputs: { ...w.inputs, comment: 'false' },
        githubApiUrl: w.github.url,
      })
      plant(w, live.outputs['plan-hash']!)
      const run = await runAction({
        workspace: w.workspace,
        eventName: 'push',
        payload: w.push,
        ref: 'refs/heads/main',
        sha: 'merged123',
        inputs: w.inputs,
        githubApiUrl: w.github.url,
      })
      expect(run.exitCode, run.stdout).toBe(0)
      const body = w.ours().at(-1)!.body
      expect(body).toContain(`No reviewed plan was found for the merged commit <code>${HEAD_SHA.slice(0, 12)}</code>`)
      expect(body).toContain('4 applied changes were not reviewed:')
      expect(run.stdout).toContain(
        '::warning::no reviewed plan was found on #7 for its head commit; 4 applied changes were not reviewed',
      )
    },
  )
})

describe('the token', () => {
  it('missing on a pull request from a branch of this repository fails, naming the input and the secret', async () => {
    const w = await world()
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: { ...w.inputs, token: '' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::the token input is empty: plan needs an API token of the organization; pass it from a repository or environment secret (token: ${{ secrets.GOODDATA_TOKEN }})',
    )
    expect(w.ours()[0]!.body).not.toContain('fork')
    expect(w.emulator.requestLog).toEqual([])
  })

  it.each([
    ['pull_request', ''],
    ['pull_request_target', TOKEN],
  ])(
    'on a %s from a fork (token %j), validates only, passes, and says why no plan was made',
    async (eventName, token) => {
      const w = await world()
      const fork = {
        ...w.pr,
        pull_request: { ...w.pr.pull_request, head: { sha: HEAD_SHA, repo: { full_name: 'mallory/access' } } },
      }
      const run = await runAction({
        workspace: w.workspace,
        eventName,
        payload: fork,
        inputs: { ...w.inputs, token },
        githubApiUrl: w.github.url,
      })
      expect(run.exitCode, run.stdout).toBe(0)
      expect(w.ours()[0]!.body).toContain('This pull request comes from a fork.')
      expect(w.emulator.requestLog).toEqual([])
      expect(readFileSync(run.outputFile, 'utf8')).toContain('has-changes<<')
    },
  )

  it('apply never runs on a pull request event, whatever the mode input says', async () => {
    const w = await world()
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: { ...w.inputs, mode: 'apply' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::mode apply does not run on pull_request events')
    expect(w.emulator.requestLog).toEqual([])
  })
})
