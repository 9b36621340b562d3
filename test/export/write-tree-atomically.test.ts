import * as fs from 'node:fs/promises'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TreeWriteError, writeTreeAtomically, type TreeFileSystem } from '../../src/shell/cli/write-tree-atomically.js'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const FILES = new Map([
  ['groups.yaml', 'user_groups: []\n'],
  ['users.yaml', 'users: []\n'],
  ['users/g0.yaml', 'users:\n  - user_id: a\n'],
  ['provisioning.yaml', 'load: full\n'],
])

/** A folder whose `access/` holds what `before` says ('dir' for a folder), and sits beside other work. */
function makeRoot(before: Record<string, string | 'dir'>): { root: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'upa-atomic-'))
  roots.push(root)
  writeFileSync(join(root, 'unrelated.txt'), 'keep\n')
  for (const [path, content] of Object.entries(before)) {
    mkdirSync(join(root, 'access', path, content === 'dir' ? '' : '..'), { recursive: true })
    if (content !== 'dir') writeFileSync(join(root, 'access', path), content)
  }
  return { root, out: join(root, 'access') }
}

/** Every file and folder under `root`, with file contents: what "as it was" compares. */
function snapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const path of readdirSync(root, { recursive: true }) as string[]) {
    const full = join(root, path)
    entries[relative(root, full)] = statSync(full).isDirectory() ? '<dir>' : readFileSync(full, 'utf8')
  }
  return entries
}

/** The real file system, failing with EIO from call number `failAt` on (just that call, or every later one too). */
function failing(failAt: number, options: { thenAll: boolean }): TreeFileSystem & { calls: () => number } {
  let calls = 0
  const gate =
    <F extends (...args: never[]) => Promise<unknown>>(call: F) =>
    (...args: Parameters<F>) => {
      const index = calls++
      if (index === failAt || (options.thenAll && index > failAt))
        return Promise.reject(Object.assign(new Error('injected'), { code: 'EIO' }))
      return call(...args)
    }
  const io = {
    lstat: gate(fs.lstat),
    mkdir: gate(fs.mkdir),
    mkdtemp: gate(fs.mkdtemp),
    rename: gate(fs.rename),
    rm: gate(fs.rm),
    writeFile: gate(fs.writeFile),
  }
  return { ...(io as unknown as TreeFileSystem), calls: () => calls }
}

const STARTS: [string, Record<string, string | 'dir'>][] = [
  ['a new folder', {}],
  ['an empty folder', { '.': 'dir' }],
  [
    'an earlier export (--force) with other files',
    { 'groups.yaml': 'old groups\n', 'users/g0.yaml': 'old g0\n', 'users/mine.yaml': 'mine\n', 'notes.md': 'n\n' },
  ],
]

describe('writeTreeAtomically: every file or none', () => {
  it.each(STARTS)('writes the whole tree into %s', async (_, before) => {
    const { root, out } = makeRoot(before)
    await writeTreeAtomically(out, FILES)
    for (const [path, text] of FILES) expect(readFileSync(join(out, path), 'utf8')).toBe(text)
    expect(readdirSync(root).sort()).toEqual(['access', 'unrelated.txt'])
  })

  it.each(STARTS)('leaves %s as it was when any file system call fails', async (_, before) => {
    const { root: probeRoot, out: probeOut } = makeRoot(before)
    const counter = failing(-1, { thenAll: false })
    await writeTreeAtomically(probeOut, FILES, counter)
    expect(snapshot(probeRoot)).not.toEqual({})
    // The last call removes the staging folder after a complete write; the test below covers it.
    for (let failAt = 0; failAt < counter.calls() - 1; failAt++) {
      const { root, out } = makeRoot(before)
      const expected = snapshot(root)
      const error = await writeTreeAtomically(out, FILES, failing(failAt, { thenAll: false })).catch(
        (caught: unknown) => caught,
      )
      expect(error, `call ${failAt}`).toBeInstanceOf(TreeWriteError)
      expect((error as TreeWriteError).unrestored, `call ${failAt}`).toEqual([])
      expect(snapshot(root), `call ${failAt}`).toEqual(expected)
    }
  })

  it.each(STARTS)('writes %s and answers the staging folder when it cannot remove it', async (_, before) => {
    const { root, out } = makeRoot(before)
    const counter = failing(-1, { thenAll: false })
    await writeTreeAtomically(makeRoot(before).out, FILES, counter)
    const { leftBehind } = await writeTreeAtomically(out, FILES, failing(counter.calls() - 1, { thenAll: false }))
    for (const [path, text] of FILES) expect(readFileSync(join(out, path), 'utf8')).toBe(text)
    expect(readdirSync(root).sort()).toEqual([relative(root, leftBehind!), 'access', 'unrelated.txt'])
  })

  it('says what it could not put back, and keeps the replaced files, when undoing fails too', async () => {
    const before = { 'groups.yaml': 'old groups\n', 'users.yaml': 'old users\n' }
    const { root, out } = makeRoot(before)
    // Calls: mkdir parent, mkdtemp, 4 × (mkdir, writeFile), lstat out, then groups.yaml: mkdir, lstat, mkdir, rename, rename.
    const error = (await writeTreeAtomically(out, FILES, failing(16, { thenAll: true })).catch(
      (caught: unknown) => caught,
    )) as TreeWriteError
    expect({ path: error.path, code: error.code, unrestored: error.unrestored }).toEqual({
      path: 'users.yaml',
      code: 'EIO',
      unrestored: ['groups.yaml'],
    })
    expect(readFileSync(join(error.keptIn!, 'groups.yaml'), 'utf8')).toBe('old groups\n')
    expect(existsSync(join(root, 'access', 'users.yaml'))).toBe(true)
  })

  it.each<[string, (root: string) => string, { path: string; code: string }]>([
    [
      'a file name is taken by a folder',
      (root) => (mkdirSync(join(root, 'access', 'provisioning.yaml'), { recursive: true }), join(root, 'access')),
      { path: 'provisioning.yaml', code: 'EISDIR' },
    ],
    [
      'the folder is a file',
      (root) => (writeFileSync(join(root, 'access'), 'x'), join(root, 'access')),
      { path: '', code: 'ENOTDIR' },
    ],
    ['a parent of the folder is a file', (root) => join(root, 'unrelated.txt', 'access'), { path: '', code: 'EEXIST' }],
  ])('fails, changing nothing, when %s', async (_, arrange, expected) => {
    const { root } = makeRoot({})
    const out = arrange(root)
    const was = snapshot(root)
    const error = (await writeTreeAtomically(out, FILES).catch((caught: unknown) => caught)) as TreeWriteError
    expect({ path: error.path, code: error.code }).toEqual(expected)
    expect(snapshot(root)).toEqual(was)
  })
})
