import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from './capture-io.js'

const projectRoot = join(import.meta.dirname, '..', '..')
const invalidFixtures = join(projectRoot, 'test/fixtures/config/invalid')

describe('user-provisioning validate', () => {
  it('exits 0 with a one-line summary for a valid folder', async () => {
    const cli = captureIo(projectRoot)
    expect(await runCli(['validate', '--config', 'examples/basic'], cli.io)).toBe(0)
    expect(cli.stdout()).toBe('examples/basic: valid: 10 users, 5 user groups in 3 files\n')
    expect(cli.stderr()).toBe('')
  })

  it('exits 1 and lists every problem with file, line and column', async () => {
    const cli = captureIo(invalidFixtures)
    expect(await runCli(['validate', '--config', 'problems-in-many-files'], cli.io)).toBe(1)
    const lines = cli.stdout().trimEnd().split('\n')
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(/^problems-in-many-files\/groups\.yaml:3:26: group "g" lists itself/),
      expect.stringMatching(/^problems-in-many-files\/provisioning\.yaml:1:7: "sometimes" is not a valid "load"/),
      expect.stringMatching(/^problems-in-many-files\/users\.yaml:3:19: user "ok" references group "missing"/),
      expect.stringMatching(/^problems-in-many-files\/users\/b\.yaml:3:5: unknown key "bad"/),
    ])
    expect(lines.at(-1)).toBe('problems-in-many-files: invalid: 4 problems in 4 files; nothing was sent to the target')
  })

  it('writes JSON with --format json', async () => {
    const valid = captureIo(projectRoot)
    expect(await runCli(['validate', '--config', 'examples/multi-team', '--format', 'json'], valid.io)).toBe(0)
    expect(JSON.parse(valid.stdout())).toEqual({
      valid: true,
      summary: { users: 4, user_groups: 6, files: 6 },
      problems: [],
      problem_count: 0,
    })

    const invalid = captureIo(invalidFixtures)
    expect(await runCli(['validate', '--config', 'self-parent', '--format=json'], invalid.io)).toBe(1)
    expect(JSON.parse(invalid.stdout())).toEqual({
      valid: false,
      problems: [
        {
          file: 'self-parent/groups.yaml',
          line: 3,
          column: 26,
          message: expect.stringContaining('lists itself as a parent'),
        },
      ],
      problem_count: 1,
    })
  })

  it('prints help with --help and exits 0', async () => {
    for (const argv of [['--help'], [], ['validate', '--help'], ['help', 'validate']]) {
      const cli = captureIo(projectRoot)
      expect(await runCli(argv, cli.io)).toBe(0)
      expect(cli.stdout()).toMatch(/^Usage: user-provisioning/)
    }
  })

  it.each([
    [['validate'], /--config DIR is required/],
    [['validate', '--config'], /--config/],
    [['validate', '--config', 'examples/basic', '--colour'], /Unknown option '--colour'/],
    [
      ['validate', '--config', 'examples/basic', '--format', 'xml'],
      /--format "xml" is not supported; expected text or json/,
    ],
    [['validate', '--config', 'no/such/folder'], /config folder "no\/such\/folder" does not exist/],
    [['validate', '--config', 'README.md'], /config folder "README.md" is not a folder/],
    [['validate', '--config', 'src'], /no users.yaml, users\/\*.yaml, groups.yaml or groups\/\*.yaml in "src"/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 64 with a clear message for %j', async (argv, message) => {
    const cli = captureIo(projectRoot)
    expect(await runCli(argv, cli.io)).toBe(64)
    expect(cli.stderr()).toMatch(message)
    expect(cli.stderr()).not.toMatch(/\n\s+at /)
    expect(cli.stdout()).toBe('')
  })
})
