import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')
const SECRET = 'OUTSIDE-SECRET-4711'
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A workspace with `config/` built by `build`, and a file outside it that holds a secret. */
function workspace(build: (config: string, outside: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'upa-hostile-'))
  made.push(root)
  const config = join(root, 'config')
  const outside = join(root, 'outside')
  mkdirSync(config)
  mkdirSync(outside)
  writeFileSync(join(outside, 'secret.yaml'), `users:\n  - user_id: ${SECRET}\n    emial: ${SECRET}\n`)
  build(config, outside)
  return root
}

/** The built CLI, as a user runs it: `node dist/cli.js validate --config config`. */
function validate(cwd: string) {
  const run = spawnSync(process.execPath, [cli, 'validate', '--config', 'config'], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env['PATH'] ?? '' },
  })
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr, output: run.stdout + run.stderr }
}

const users = 'users:\n  - user_id: ann\n'

describe('the config folder is a boundary (built CLI)', () => {
  it.each([
    [
      'users.yaml is a link to a file outside the folder',
      (config: string, outside: string) => symlinkSync(join(outside, 'secret.yaml'), join(config, 'users.yaml')),
      [
        'config/users.yaml:1:1: is a symbolic link to somewhere outside the config folder (or to nothing); it was not read. Put the file itself in the folder',
      ],
    ],
    [
      'users/ is a link to the root of the disk',
      (config: string) => (
        writeFileSync(join(config, 'groups.yaml'), 'user_groups: []\n'), symlinkSync('/', join(config, 'users'))
      ),
      [
        'config/users:1:1: is a symbolic link to somewhere outside the config folder (or to nothing); it was not read. Put the file itself in the folder',
      ],
    ],
    [
      'users.yaml links to /proc/self/environ',
      (config: string) => symlinkSync('/proc/self/environ', join(config, 'users.yaml')),
      [
        'config/users.yaml:1:1: is a symbolic link to somewhere outside the config folder (or to nothing); it was not read. Put the file itself in the folder',
      ],
    ],
    [
      'a file name is not UTF-8',
      (config: string) => (
        writeFileSync(join(config, 'users.yaml'), users),
        mkdirSync(join(config, 'users')),
        writeFileSync(
          Buffer.concat([Buffer.from(`${join(config, 'users')}/bad-`), Buffer.from([0xff]), Buffer.from('.yaml')]),
          users,
        )
      ),
      [
        '"config/users/bad-\\\\xff.yaml":1:1: the file name holds bytes that are not UTF-8 text, or control characters; rename it (it was not read)',
      ],
    ],
    [
      'a file name would start a workflow command',
      (config: string) => (
        writeFileSync(join(config, 'users.yaml'), users),
        mkdirSync(join(config, 'users')),
        writeFileSync(join(config, 'users', '\n::warning file=x::owned.yaml'), users)
      ),
      [
        '"config/users/\\\\x0a::warning file=x::owned.yaml":1:1: the file name holds bytes that are not UTF-8 text, or control characters; rename it (it was not read)',
      ],
    ],
  ])('%s: a located problem, exit 1, nothing from outside in the output', (_, build, problems) => {
    const run = validate(workspace(build))
    expect(run.exitCode, run.output).toBe(1)
    expect(run.stdout.trimEnd().split('\n').slice(0, -1)).toEqual(problems)
    expect(run.output).not.toContain(SECRET)
    expect(run.output).not.toMatch(/PATH=|internal error|^\s*::/m)
  })

  it('follows a link that stays inside the folder', () => {
    const run = validate(
      workspace(
        (config) => (
          mkdirSync(join(config, 'shared')),
          writeFileSync(join(config, 'shared', 'people.yaml'), users),
          symlinkSync(join(config, 'shared', 'people.yaml'), join(config, 'users.yaml'))
        ),
      ),
    )
    expect(run.stdout).toBe('config: valid: 1 user, 0 user groups in 1 file\n')
  })

  it('shows a file name with unusual characters quoted, so it cannot start a line of its own', () => {
    const run = validate(
      workspace(
        (config) => (
          mkdirSync(join(config, 'users')),
          writeFileSync(join(config, 'users', '::error::x.yaml'), 'users:\n  - user_id: a\n    emial: b\n')
        ),
      ),
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe(
      '"config/users/::error::x.yaml":3:5: unknown key "emial" in user #1; did you mean "email"?',
    )
  })
})

describe('YAML is read as YAML 1.2, the same way whatever else the file holds (built CLI)', () => {
  const problemsOf = (text: string) =>
    validate(workspace((config) => writeFileSync(join(config, 'users.yaml'), text)))
      .stdout.trimEnd()
      .split('\n')
  it.each([
    ['users:\n  - user_id: 0b11\n', ['config: valid: 1 user, 0 user groups in 1 file']],
    [
      'users:\n  - user_id: 0o17\n',
      [
        'config/users.yaml:2:14: "user_id" must be a string, not number 15 (YAML 1.2 reads 0o17 as 15); put it in quotes: "0o17"',
      ],
    ],
    [
      'users:\n  - user_id: +.5\n',
      [
        'config/users.yaml:2:14: "user_id" must be a string, not number 0.5 (YAML 1.2 reads +.5 as 0.5); put it in quotes: "+.5"',
      ],
    ],
    ['users:\n  - user_id: yes\n', ['config: valid: 1 user, 0 user groups in 1 file']],
    ['users:\n  - user_id: ~\n', ['config/users.yaml:2:14: "user_id" must be a string, not nothing (null)']],
    [
      'users:\n  - user_id: a\n    __proto__: x\n',
      [expect.stringMatching(/^config\/users\.yaml:3:5: unknown key "__proto__" in user #1/)],
    ],
    [
      'users:\n  - user_id: a\n    __proto__: [a, b]\n',
      [expect.stringMatching(/^config\/users\.yaml:3:5: unknown key "__proto__" in user #1/)],
    ],
  ])('%j', (text, expected) => {
    expect(problemsOf(text).slice(0, expected.length)).toEqual(expected)
  })

  // An anchor sends the file down the library's path instead of the fast one: the answer must not change.
  it('gives the same answer with an anchor in the file as without', () => {
    const plain = problemsOf('users:\n  - user_id: 0o17\n  - user_id: 0b11\n    email: a@b.c\n')
    const anchored = problemsOf('users:\n  - user_id: 0o17\n  - user_id: &id 0b11\n    email: a@b.c\n')
    expect(anchored).toEqual(plain)
  })

  it('validates 130,000 users in one block-style file without running out of stack', () => {
    const rows = Array.from(
      { length: 130_000 },
      (_, i) => `  - user_id: user.${i}\n    email: user.${i}@example.com\n`,
    ).join('')
    const run = validate(workspace((config) => writeFileSync(join(config, 'users.yaml'), `users:\n${rows}`)))
    expect(run.output).toBe('config: valid: 130,000 users, 0 user groups in 1 file\n')
    expect(run.exitCode).toBe(0)
  })
})
