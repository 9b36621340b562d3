import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { group, organization, user } from '../support/scenario.js'
import { CONFIG, GITHUB_TOKEN, TOKEN, closeWorlds, expectNoSecrets, world } from './action-world.js'
import { runAction } from './run-action.js'
import { startGoodDataEmulator } from '../emulators/gooddata-cloud/server.js'

const node24 = process.env['NODE24_BIN']

/** A fault for the first request only. */
function once(fault: '500') {
  let used = false
  return () => (used ? undefined : ((used = true), fault))
}
afterEach(closeWorlds)

describe('the built action', () => {
  it('plans on a pull request: one sticky comment, created then updated, with outputs and summary', async () => {
    const w = await world({ filler: 150 })
    const first = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(first.exitCode, first.stdout + first.stderr).toBe(0)
    expect(first.outputs).toMatchObject({
      'has-changes': 'true',
      creates: '3',
      updates: '0',
      deletes: '1',
      blocked: 'false',
      applied: '0',
      failed: '0',
    })
    expect(first.outputs['plan-hash']).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.parse(readFileSync(first.outputs['plan-json']!, 'utf8'))).toMatchObject({
      version: 1,
      hash: first.outputs['plan-hash'],
    })
    expect(first.summary).toContain('### User provisioning plan: <code>config</code>')
    const ours = () => w.github.comments.filter((comment) => comment.body.includes('<!-- user-provisioning-action'))
    expect(ours()).toHaveLength(1)
    expect(first.stdout).toContain('comment on #7: created')

    const second = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toContain('comment on #7: updated')
    expect(ours()).toHaveLength(1)
    expect(
      w.github.requests.some(
        (request) => request.path.includes('/issues/7/comments?') && request.path.includes('page=2'),
      ),
    ).toBe(true)
    expect(w.emulator.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
    expectNoSecrets(
      first,
      w.github.comments.map((comment) => comment.body),
    )
    expectNoSecrets(second)
  })

  it('annotates config problems on their file and line, fails, and sends nothing', async () => {
    const w = await world({ files: { 'users.yaml': 'users:\n  - user_id: ann\n    emial: ann@example.com\n' } })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error title=config/users.yaml%3A3%3A5,file=config/users.yaml,line=3,col=5::unknown key "emial" in user #1; did you mean "email"?',
    )
    expect(run.summary).toContain('config/users.yaml&#58;3&#58;5&#58; unknown key &quot;emial&quot;')
    expect(w.github.comments.at(-1)!.body).toContain('the config has 1 problem')
    expect(w.emulator.requestLog).toEqual([])
  })

  it('keeps one comment when a broken config (host not yet known) is fixed in a later push', async () => {
    const w = await world({
      files: { 'users.yaml': 'users:\n  - user_id: ann\n    emial: x\n', 'provisioning.yaml': 'load: full\n' },
    })
    const inputs = { ...w.inputs, host: '' }
    w.baseFiles['config/provisioning.yaml'] = `target:\n  host: ${w.emulator.url}\n`
    const broken = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs,
      githubApiUrl: w.github.url,
    })
    expect(broken.exitCode).toBe(1)
    writeFileSync(join(w.workspace, 'config', 'users.yaml'), CONFIG['users.yaml'])
    writeFileSync(join(w.workspace, 'config', 'groups.yaml'), CONFIG['groups.yaml'])
    writeFileSync(join(w.workspace, 'config', 'provisioning.yaml'), `target:\n  host: ${w.emulator.url}\n`)
    const fixed = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs,
      githubApiUrl: w.github.url,
    })
    expect(fixed.exitCode, fixed.stdout).toBe(0)
    expect(fixed.stdout).toContain('comment on #7: updated')
    const ours = w.github.comments.filter((comment) => comment.body.includes('<!-- user-provisioning-action'))
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toContain('### User provisioning plan')
  })

  it('keeps one comment when the host input changes between runs', async () => {
    const w = await world()
    const first = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(first.stdout).toContain('comment on #7: created')
    // The same organization at another address (a new name for the host): the plan is the same config's.
    const moved = await startGoodDataEmulator({
      extraTokens: { [TOKEN]: 'admin' },
      seed: organization({ users: [user('gone')] }),
    })
    try {
      const second = await runAction({
        workspace: w.workspace,
        eventName: 'pull_request',
        payload: w.pr,
        inputs: { ...w.inputs, host: moved.url },
        githubApiUrl: w.github.url,
      })
      expect(second.exitCode, second.stdout + second.stderr).toBe(0)
      expect(second.stdout).toContain('comment on #7: updated')
      const ours = w.github.comments.filter((comment) => comment.body.includes('<!-- user-provisioning-action'))
      expect(ours).toHaveLength(1)
      expect(ours[0]!.body).toContain(moved.url.split(':').at(-1)!)
    } finally {
      await moved.close()
    }
  })

  it('on a pull request from a fork without the token, validates and says the plan needs it', async () => {
    const w = await world()
    const fork = { ...w.pr, pull_request: { ...w.pr.pull_request, head: { repo: { full_name: 'someone/access' } } } }
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: fork,
      inputs: { ...w.inputs, token: '' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(0)
    expect(w.github.comments.at(-1)!.body).toContain('This pull request comes from a fork. Forks get no secrets')
    expect(w.emulator.requestLog).toEqual([])
  })

  it('applies on a push to the default branch, and tells the merged pull request whether it was the reviewed plan', async () => {
    const w = await world()
    await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    // Someone changes the organization by hand after the review.
    w.emulator.state.users.set('carol', user('carol'))
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
    expect(run.outputs).toMatchObject({ applied: '5', failed: '0', deletes: '2' })
    expect([...w.emulator.state.users.keys()].sort()).toEqual(['admin', 'ann', 'bob'])
    expect(w.emulator.state.users.get('ann')).toEqual(user('ann', ['analysts'], { email: 'ann@example.com' }))
    expect(w.emulator.state.userGroups.get('analysts')).toEqual(group('analysts', [], 'Analysts'))
    const comment = w.github.comments.filter((item) => item.body.includes('<!-- user-provisioning-action'))
    expect(comment).toHaveLength(1)
    expect(comment[0]!.body).toContain('✅ Applied')
    expect(comment[0]!.body).toContain('The applied plan differs from the one reviewed here')
    expect(comment[0]!.body).toContain('1 applied change was not reviewed:\n> - delete user <code>carol</code>')
    expect(run.summary).toContain('**Apply:** applied 5 of 5 changes.')
    expect(run.summary.trimStart()).toMatch(/^### ✅ Applied: /)
    // The job log carries the plan and the journal, each in a group.
    expect(run.stdout).toMatch(/::group::Plan for \S+ → \S+\n(.*\n)* {2}- delete user carol\n(.*\n)*::endgroup::/)
    expect(run.stdout).toMatch(
      /::group::Apply journal\n(.*\n)* {2}✓ delete user carol\n(.*\n)*Apply: applied 5 of 5 changes\.\n::endgroup::/,
    )
    expectNoSecrets(run, [comment[0]!.body])
  })

  it('after a partly failed apply, the summary and the comment open with the outcome and the failures in words', async () => {
    const w = await world({
      injectFault: ({ method, path }) => (method === 'POST' && path.endsWith('/userGroups') ? '400' : undefined),
    })
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'push',
      payload: w.push,
      ref: 'refs/heads/main',
      sha: 'merged123',
      inputs: w.inputs,
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    const summary = run.summary.trimStart()
    expect(summary).toMatch(/^### ❌ Partly applied: /)
    const skipped = summary.indexOf('skipped: it waits for create user group <code>analysts</code>, which failed')
    expect(skipped).toBeGreaterThan(0)
    // The problems come before the collapsed journal of every change, and before the plan.
    expect(skipped).toBeLessThan(summary.indexOf('Journal'))
    expect(summary.indexOf('Journal')).toBeLessThan(summary.indexOf('### User provisioning plan'))
    const comment = w.github.comments.find((item) => item.body.includes('<!-- user-provisioning-action'))
    expect(comment?.body).toContain('❌ Partly applied')
    expect(comment?.body).toContain('skipped: it waits for create user group <code>analysts</code>, which failed')
    expectNoSecrets(run, [comment?.body ?? ''])
  })

  it('checks drift on a schedule: opens one issue, updates it, closes it when the drift is gone', async () => {
    const w = await world()
    const schedule = (inputs = w.inputs) =>
      runAction({
        workspace: w.workspace,
        eventName: 'schedule',
        payload: { repository: { default_branch: 'main' } },
        ref: 'refs/heads/main',
        inputs,
        githubApiUrl: w.github.url,
      })
    const drifted = await schedule({ ...w.inputs, 'fail-on-drift': 'true' })
    expect(drifted.exitCode).toBe(1)
    expect(drifted.stdout).toMatch(/::error::drift: 4 changes would make the organization match the config/)
    expect(await schedule().then((run) => run.exitCode)).toBe(0)
    const driftIssues = w.github.issues.filter((issue) => !issue.pullRequest)
    expect(driftIssues).toHaveLength(1)
    expect(driftIssues[0]!.title).toBe(`Drift: ${w.emulator.url} differs from config`)
    await runAction({
      workspace: w.workspace,
      eventName: 'workflow_dispatch',
      payload: w.push,
      ref: 'refs/heads/main',
      inputs: { ...w.inputs, mode: 'apply' },
      githubApiUrl: w.github.url,
    })
    await schedule()
    expect(driftIssues[0]!.state).toBe('closed')
    expect(w.emulator.requestLog.filter((entry) => entry.method !== 'GET').length).toBe(4)
  })

  it.each([
    ['a wrong token (401)', 'wrong', undefined, /401 Unauthorized/],
    [
      'a 403 on the profile',
      TOKEN,
      (request: { path: string }) => (request.path === '/api/v1/profile' ? '403' : undefined),
      /403 Forbidden/,
    ],
    ['a 500 on the first list, retried', TOKEN, once('500'), undefined],
    [
      'a refused write during apply',
      TOKEN,
      (request: { method: string }) => (request.method === 'POST' ? '400' : undefined),
      /changes failed/,
    ],
  ] as const)('leaks no token in any output after %s', async (_, token, injectFault, failure) => {
    const w = await world(injectFault ? { injectFault } : {})
    const mode = failure?.source.includes('changes failed') ? 'apply' : 'plan'
    // Apply never runs on pull_request events, so the refused write is an apply started by hand.
    const event =
      mode === 'apply'
        ? { eventName: 'workflow_dispatch', payload: w.push, ref: 'refs/heads/main' }
        : { eventName: 'pull_request', payload: w.pr }
    const run = await runAction({
      workspace: w.workspace,
      ...event,
      inputs: { ...w.inputs, token, mode },
      githubApiUrl: w.github.url,
    })
    if (failure) {
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(failure)
    } else {
      expect(run.exitCode, run.stdout).toBe(0)
    }
    const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))
    expect(masks.length).toBe(2)
    const log = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const text of [
      log,
      run.stderr,
      run.summary,
      readFileSync(run.outputFile, 'utf8'),
      ...w.github.comments.map((comment) => comment.body),
      ...w.github.requests.map((request) => JSON.stringify(request.body ?? '')),
    ]) {
      for (const secret of [token, GITHUB_TOKEN])
        for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)])
          expect(text.includes(form)).toBe(false)
    }
  })

  it('fails on a bad input with the value and the expected form', async () => {
    const w = await world()
    const run = await runAction({
      workspace: w.workspace,
      eventName: 'pull_request',
      payload: w.pr,
      inputs: { ...w.inputs, mode: 'deploy' },
      githubApiUrl: w.github.url,
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::input mode: "deploy" is not one of auto, validate, plan, apply, drift')
  })

  it.skipIf(!node24 || !existsSync(node24))(
    'runs the pull request flow on Node 24, the runtime it ships for',
    async () => {
      const w = await world()
      const run = await runAction({
        workspace: w.workspace,
        eventName: 'pull_request',
        payload: w.pr,
        inputs: w.inputs,
        githubApiUrl: w.github.url,
        node: node24!,
      })
      expect(run.exitCode, run.stderr).toBe(0)
      expect(run.outputs['has-changes']).toBe('true')
      expect(
        w.github.comments.filter((comment) => comment.body.includes('<!-- user-provisioning-action')),
      ).toHaveLength(1)
      expectNoSecrets(run)
    },
  )
})
