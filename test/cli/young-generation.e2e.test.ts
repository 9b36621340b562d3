import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const made = mkdtempSync(join(tmpdir(), 'upa-young-'))
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

/** Runs node with `args`, answering its standard output and its young generation's size at the end, in MiB. */
function node(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(REPORT).href, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 26,
    env: { PATH: process.env['PATH'] ?? '' },
  })
  expect(run.status, run.stderr).toBe(0)
  const size = /young generation: (\d+)/.exec(run.stderr)
  expect(size, run.stderr).not.toBeNull()
  return { stdout: run.stdout, youngMb: Number(size![1]) / 2 ** 20 }
}

describe('the young generation stays small while a large config is held', () => {
  it('in the built CLI validating 50,000 users', () => {
    const users = Array.from(
      { length: 50_000 },
      (_, i) =>
        `  - user_id: user.${i}\n    firstname: First${i}\n    lastname: Last${i}\n` +
        `    email: user.${i}@example.com\n    user_groups: [group-${i % 50}]\n`,
    )
    const groups = Array.from({ length: 50 }, (_, i) => `  - user_group_id: group-${i}\n`)
    writeFileSync(join(made, 'users.yaml'), `users:\n${users.join('')}`)
    writeFileSync(join(made, 'groups.yaml'), `user_groups:\n${groups.join('')}`)
    const { stdout, youngMb } = node([join('dist', 'cli.js'), 'validate', '--config', made])
    expect(stdout).toContain('valid: 50,000 users')
    expect(youngMb).toBeLessThanOrEqual(8)
  })

  it('only with the setting: the same allocations without it grow it past 16 MiB', () => {
    // What the setting is for, shown by its absence: objects that stay alive make V8 grow the young generation.
    const script = (small: boolean) => `
      ${small ? `(await import('./src/shell/young-generation.ts')).keepYoungGenerationSmall()` : ''}
      const kept = []
      for (let i = 0; i < 400000; i++) kept.push({ id: 'user.' + i, groups: ['group-' + (i % 100)] })
      console.log(kept.length)`
    const run = (small: boolean) => node(['--import', 'tsx', '--input-type=module', '-e', script(small)]).youngMb
    expect(run(true)).toBeLessThanOrEqual(8)
    expect(run(false)).toBeGreaterThan(16)
  })
})
