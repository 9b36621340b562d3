import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { writeConfig } from '../support/scenario.js'
import { captureIo } from './capture-io.js'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

describe('a YAML file in the config folder that is not a config file', () => {
  it('is reported, with the name it was likely meant to have, when the rest is valid', async () => {
    const config = writeConfig({ 'user.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups: []\n' })
    closers.push(config.cleanUp)
    const cli = captureIo(config.cwd)
    expect(await runCli(['validate', '--config', 'config'], cli.io)).toBe(0)
    expect(cli.stdout()).toContain(
      'warning: config/user.yaml:1:1: not read: "user.yaml" is not a config file (users.yaml, groups.yaml, provisioning.yaml, users/, groups/); did you mean "users.yaml"?',
    )
  })

  it('is named in the error when no config file is found at all', async () => {
    const config = writeConfig({ 'user.yaml': 'users: []\n' })
    closers.push(config.cleanUp)
    const cli = captureIo(config.cwd)
    expect(await runCli(['validate', '--config', 'config'], cli.io)).toBe(64)
    expect(cli.stderr()).toContain('; not read: user.yaml; did you mean "users.yaml"?')
  })
})

describe('--version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default
    const cli = captureIo(process.cwd())
    expect(await runCli(['--version'], cli.io)).toBe(0)
    expect(cli.stdout()).toBe(`user-provisioning ${version}\n`)
  })
})
