import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { EMPTY_OUTPUTS } from '../../src/shell/action/action-context.js'
import { InputError, readActionInputs } from '../../src/shell/action/action-inputs.js'
import { resolveMode, type GitHubEvent } from '../../src/shell/action/github-event.js'

const root = join(import.meta.dirname, '..', '..')
const manifest = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
}

describe('action.yml', () => {
  it('runs dist/index.js on node24 and declares exactly the inputs read and the outputs set', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    const read: string[] = []
    readActionInputs(
      (name) => (
        read.push(name), manifest.inputs[name]?.default?.startsWith('${{') ? '' : (manifest.inputs[name]?.default ?? '')
      ),
    )
    expect([...new Set(read)].sort()).toEqual(Object.keys(manifest.inputs).sort())
    expect(Object.keys(manifest.outputs).sort()).toEqual(Object.keys(EMPTY_OUTPUTS).sort())
  })

  it('the reusable workflow takes a required token secret and applies one run at a time', () => {
    const workflow = parse(readFileSync(join(root, '.github/workflows/provision.yml'), 'utf8')) as {
      on: { workflow_call: { secrets: { token: { required: boolean } } } }
      jobs: Record<string, { concurrency?: { 'cancel-in-progress': boolean }; environment?: string }>
    }
    expect(workflow.on.workflow_call.secrets.token.required).toBe(true)
    expect(workflow.jobs['apply']!.concurrency!['cancel-in-progress']).toBe(false)
    expect(workflow.jobs['apply']!.environment).toBeDefined()
  })
})

describe('action inputs', () => {
  const inputs = (values: Record<string, string>) => readActionInputs((name) => values[name] ?? '')

  it('parses every input once into one typed object, with defaults', () => {
    expect(inputs({ token: ' t ', 'allow-blocked': 'TRUE', concurrency: '16', load: 'incremental' })).toEqual({
      config: '.',
      token: 't',
      load: 'incremental',
      mode: 'auto',
      allowBlocked: true,
      comment: true,
      concurrency: 16,
      failOnDrift: false,
    })
  })

  it.each([
    [{ mode: 'deploy' }, 'input mode: "deploy" is not one of auto, validate, plan, apply, drift'],
    [{ load: 'all' }, 'input load: "all" is not one of full, incremental'],
    [{ comment: 'yes' }, 'input comment: "yes" is not a boolean; write true or false'],
    [{ concurrency: '0' }, 'input concurrency: "0" is not a whole number from 1 to 64'],
  ])('refuses %j with the value and the expected form', (values, message) => {
    expect(() => inputs(values)).toThrow(new InputError(message))
  })
})

describe('mode auto', () => {
  const event = (fields: Partial<GitHubEvent>): GitHubEvent => ({
    name: '',
    owner: 'o',
    repo: 'r',
    sha: 's',
    ref: '',
    defaultBranch: 'main',
    hasPullRequestPayload: false,
    ...fields,
  })
  it.each([
    [{ name: 'pull_request' }, 'plan'],
    [{ name: 'pull_request_review' }, 'plan'],
    [{ name: 'push', ref: 'refs/heads/main' }, 'apply'],
    [{ name: 'push', ref: 'refs/heads/feature' }, 'plan'],
    [{ name: 'schedule' }, 'drift'],
    [{ name: 'workflow_dispatch' }, 'plan'],
    [{ name: 'release' }, 'validate'],
  ])('%j → %s', (fields, mode) => {
    expect(resolveMode('auto', event(fields))).toBe(mode)
  })
})
