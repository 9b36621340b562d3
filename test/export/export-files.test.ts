import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { group, organization, user } from '../support/scenario.js'
import { expectRoundTrip, setUp } from './export-scenario.js'

const long = (char: string) => char.repeat(255)

describe('export --layout per-group: file names', () => {
  it('are bounded and unique for 255-character ids, ids differing in case, and a group named _no-group', async () => {
    const seed = organization({
      userGroups: [group(long('g')), group('Admins'), group('admins'), group('_no-group'), group('analysts')],
      users: [
        user('u1', [long('g')]),
        user('u2', ['Admins']),
        user('u3', ['admins']),
        user('u4', ['_no-group']),
        user('u5', ['analysts']),
        user('u6'),
      ],
    })
    const { exported, cwd } = await expectRoundTrip(seed, 'per-group')
    const written = exported.stdout.split('\n').filter((line) => line.startsWith('wrote '))
    expect(written).toEqual([
      'wrote access/groups.yaml',
      'wrote access/users.yaml',
      'wrote access/users/Admins-8273a67b.yaml',
      'wrote access/users/_no-group-7bf0904f.yaml',
      'wrote access/users/adminGroup.yaml',
      'wrote access/users/admins-fa956b80.yaml',
      'wrote access/users/analysts.yaml',
      `wrote access/users/${'g'.repeat(91)}-77cb7c50.yaml`,
      'wrote access/users/_no-group.yaml',
      'wrote access/provisioning.yaml',
      'wrote access/schemas/users.schema.json',
      'wrote access/schemas/groups.schema.json',
      'wrote access/schemas/provisioning.schema.json',
    ])
    expect(readFileSync(join(cwd, 'access', 'users', '_no-group.yaml'), 'utf8')).toContain('  - user_id: u6\n')
  })
})

describe('export: all files or none', () => {
  it.each<[string, string[], (cwd: string) => void, string]>([
    [
      'a file name is taken by a folder (--force)',
      ['--out', 'access', '--force'],
      (cwd) => {
        writeFileSync(join(cwd, 'access', 'groups.yaml'), 'old groups\n')
        mkdirSync(join(cwd, 'access', 'provisioning.yaml'))
      },
      'error: could not write access/provisioning.yaml (EISDIR); nothing was written\n',
    ],
    [
      'users/ is a file (per-group)',
      ['--out', 'access', '--layout', 'per-group'],
      (cwd) => writeFileSync(join(cwd, 'access', 'users'), 'not a folder\n'),
      'error: could not write access/users/adminGroup.yaml (EEXIST); nothing was written\n',
    ],
    [
      'the output folder is a file',
      ['--out', 'access/file'],
      (cwd) => writeFileSync(join(cwd, 'access', 'file'), 'x\n'),
      'error: could not write access/file (ENOTDIR); nothing was written\n',
    ],
    [
      'a parent of the output folder is a file',
      ['--out', 'access/file/config'],
      (cwd) => writeFileSync(join(cwd, 'access', 'file'), 'x\n'),
      'error: could not write access/file/config (EEXIST); nothing was written\n',
    ],
  ])('when %s, fails and leaves every file as it was', async (_, flags, arrange, message) => {
    const s = await setUp(organization({ users: [user('u1', ['adminGroup'])] }))
    mkdirSync(join(s.cwd, 'access'))
    arrange(s.cwd)
    const before = listTree(s.cwd)
    const result = await s.cli('export', ...flags)
    expect(result.stderr).toBe(message)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(listTree(s.cwd)).toEqual(before)
  })

  it('--force replaces the files of an earlier export and keeps the others', async () => {
    const s = await setUp(organization())
    mkdirSync(join(s.cwd, 'access'))
    writeFileSync(join(s.cwd, 'access', 'users.yaml'), 'old\n')
    writeFileSync(join(s.cwd, 'access', 'CODEOWNERS'), '* @team\n')
    expect((await s.cli('export', '--out', 'access', '--force')).exitCode).toBe(0)
    expect(readdirSync(join(s.cwd, 'access')).sort()).toEqual([
      'CODEOWNERS',
      'groups.yaml',
      'provisioning.yaml',
      'schemas',
      'users.yaml',
    ])
    expect(readFileSync(join(s.cwd, 'access', 'users.yaml'), 'utf8')).toContain('  - user_id: admin\n')
    expect(readdirSync(s.cwd).sort()).toEqual(['access'])
  })
})

/** Every path under `root` with its content, so "as it was" includes no staging folder left beside. */
function listTree(root: string): Record<string, string> {
  const tree: Record<string, string> = {}
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name).slice(root.length + 1)
    tree[path] = entry.isDirectory() ? '<dir>' : readFileSync(join(root, path), 'utf8')
  }
  return tree
}
