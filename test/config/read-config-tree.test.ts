import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatProblem } from '../../src/core/model/problem.js'
import { MAX_CONFIG_FILE_BYTES, readConfigTree } from '../../src/shell/config/read-config-tree.js'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'upa-tree-'))
  made.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'config', path, '..'), { recursive: true })
    writeFileSync(join(root, 'config', path), text)
  }
  return root
}

describe('readConfigTree', () => {
  it('refuses a file over 50 MB unread, and still checks the others', async () => {
    const root = tree({
      'users.yaml': '',
      'groups.yaml': 'user_groups:\n  - user_group_id: g\n    parent_user_groups: [g]\n',
    })
    truncateSync(join(root, 'config', 'users.yaml'), MAX_CONFIG_FILE_BYTES + 1)
    const result = await readConfigTree('config', { cwd: root })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(formatProblem)).toEqual([
      'config/groups.yaml:3:26: group "g" lists itself as a parent; a group cannot be nested in itself',
      'config/users.yaml:1:1: the file is 50.0 MB; config files may be at most 50 MB, so split it (users/*.yaml, groups/*.yaml)',
    ])
  })

  it('reads files in sorted path order and reports a folder outside the working directory from its parent', async () => {
    const root = tree({
      'users/b.yaml': 'users:\n  - user_id: b\n',
      'users/a.yaml': 'users:\n  - user_id: a\n',
      'users.yaml': 'users: []\n',
      'notes.yaml': 'ignored: true\n',
    })
    const elsewhere = tree({})
    const result = await readConfigTree(join(root, 'config'), { cwd: elsewhere })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.state.files).toEqual(['config/users.yaml', 'config/users/a.yaml', 'config/users/b.yaml'])
    expect(result.state.users.map((user) => user.id)).toEqual(['a', 'b'])
    expect(result.state.users[0]!.source).toEqual({ file: 'config/users/a.yaml', line: 2, column: 14 })
  })

  it('applies the defaults of provisioning.yaml when there is none', async () => {
    const result = await readConfigTree('config', { cwd: tree({ 'users.yaml': 'users: []\n' }) })
    expect(result.ok && result.state.settings).toEqual({
      target: { type: 'gooddata-cloud' },
      load: 'full',
      protected: { users: [], userGroups: [] },
      unmanaged: { users: [], userGroups: [] },
      limits: { maxDeletionRatio: 0.25 },
    })
  })

  it('normalises declared entities: empty strings are absent, lists are sorted sets, names default to ids', async () => {
    const root = tree({
      'users.yaml': 'users:\n  - user_id: u\n    firstname: ""\n    email: u@example.com\n    user_groups: [b, a]\n',
      'groups.yaml':
        'user_groups:\n  - user_group_id: a\n  - user_group_id: b\n    user_group_name: Bee\n    parent_user_groups: [a]\n',
    })
    const result = await readConfigTree('config', { cwd: root })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { source: _user, ...user } = result.state.users[0]!
    expect(user).toEqual({ id: 'u', email: 'u@example.com', userGroups: ['a', 'b'], isActive: true })
    expect(result.state.userGroups.map(({ source: _group, ...group }) => group)).toEqual([
      { id: 'a', name: 'a', parents: [], isActive: true },
      { id: 'b', name: 'Bee', parents: ['a'], isActive: true },
    ])
  })
})
