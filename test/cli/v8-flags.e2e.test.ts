import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { V8_FLAGS } from '../../src/shell/v8-flags.js'

const root = join(import.meta.dirname, '..', '..')
const made = mkdtempSync(join(tmpdir(), 'upa-v8-flags-'))
afterAll(() => rmSync(made, { recursive: true, force: true }))

// Loaded before the program: says on standard error how large the young generation is when the process ends (V8 does
// not shrink it in between, so that is the largest it grew to).
const REPORT = join(made, 'report-young-generation.mjs')
writeFileSync(
  REPORT,
  `import { getHeapSpaceStatistics } from 'node:v8'
process.on('exit', () => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  process.stderr.write('young generation: ' + young.space_size + '\\n')
})
`,
)

/** Runs node with `args`: its standard output and error, and its young generation's size at the end, in MiB. */
function node(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(REPORT).href, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 26,
    env: { PATH: process.env['PATH'] ?? '' },
  })
  expect(run.status, run.stderr).toBe(0)
  const size = /young generation: (\d+)\n/.exec(run.stderr)
  expect(size, run.stderr).not.toBeNull()
  return { stdout: run.stdout, stderr: run.stderr.replace(size![0], ''), youngMb: Number(size![1]) / 2 ** 20 }
}

describe('the V8 flags the action and the CLI set as they start', () => {
  it('are flags this Node knows: an unknown one would print an error on every run', () => {
    const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout
    for (const flag of V8_FLAGS) expect(known).toContain(`  ${flag.replace(/=.*/, '')} (`)
  })

  it('keep the young generation small in the built CLI validating 50,000 users, and print nothing of their own', () => {
    const users = Array.from(
      { length: 50_000 },
      (_, i) =>
        `  - user_id: user.${i}\n    firstname: First${i}\n    lastname: Last${i}\n` +
        `    email: user.${i}@example.com\n    user_groups: [group-${i % 50}]\n`,
    )
    const groups = Array.from({ length: 50 }, (_, i) => `  - user_group_id: group-${i}\n`)
    writeFileSync(join(made, 'users.yaml'), `users:\n${users.join('')}`)
    writeFileSync(join(made, 'groups.yaml'), `user_groups:\n${groups.join('')}`)
    const { stdout, stderr, youngMb } = node([join('dist', 'cli.js'), 'validate', '--config', made])
    expect(stdout).toContain('valid: 50,000 users')
    expect(stderr).toBe('')
    expect(youngMb).toBeLessThanOrEqual(8)
  })

  it('make the difference: the same allocations with V8 defaults grow the young generation past 16 MiB', () => {
    const script = (flags: boolean) => `
      ${flags ? `(await import('./src/shell/v8-flags.ts')).setV8Flags()` : ''}
      const kept = []
      for (let i = 0; i < 400000; i++) kept.push({ id: 'user.' + i, groups: ['group-' + (i % 100)] })
      console.log(kept.length)`
    const run = (flags: boolean) => node(['--import', 'tsx', '--input-type=module', '-e', script(flags)]).youngMb
    expect(run(true)).toBeLessThanOrEqual(8)
    expect(run(false)).toBeGreaterThan(16)
  })
})
