// npm run bench:validate — validation of a generated tree of 100,000 users and 10,000 groups.
// Each measurement runs in a fresh child process so its peak memory is its own.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateConfigTree } from './generate-tree.js'

// Targets: 100,000 users validate in under 2 s; memory grows linearly (200,000 users in one file,
// and a 20 MB flow-style file, within 1 GB).
const shapes = [
  { users: 100_000, groups: 10_000, filesPerKind: 1, style: 'block', seconds: 2, mb: 500 },
  { users: 100_000, groups: 10_000, filesPerKind: 20, style: 'block', seconds: 2, mb: 500 },
  { users: 200_000, groups: 10_000, filesPerKind: 1, style: 'block', seconds: 4, mb: 1024 },
  { users: 118_000, groups: 10_000, filesPerKind: 1, style: 'flow', seconds: 4, mb: 1024 },
] as const
const runs = 3
console.log(`validate benchmark · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} · Node ${process.version}`)
for (const shape of shapes) {
  const dir = mkdtempSync(join(tmpdir(), 'upa-bench-'))
  try {
    generateConfigTree(dir, shape)
    const userFileMb = statSync(join(dir, 'users', 'part-0.yaml')).size / 1024 / 1024
    const results = Array.from({ length: runs }, () => {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'validate-once.ts'), dir],
        { encoding: 'utf8' },
      )
      return JSON.parse(out) as { ms: number; peakMb: number; ok: boolean; users: number; groups: number }
    })
    if (!results.every((r) => r.ok && r.users === shape.users && r.groups === shape.groups))
      throw new Error(`unexpected result: ${JSON.stringify(results)}`)
    const ms = results.map((r) => r.ms).sort((a, b) => a - b)
    const peak = Math.max(...results.map((r) => r.peakMb))
    console.log(
      `${shape.users.toLocaleString('en-US')} users (${shape.style}, ${shape.filesPerKind === 1 ? `one file of ${userFileMb.toFixed(1)} MB` : `${shape.filesPerKind} files`}), ` +
        `${shape.groups.toLocaleString('en-US')} groups: median ${(ms[1]! / 1000).toFixed(2)} s (min ${(ms[0]! / 1000).toFixed(2)}, max ${(ms[2]! / 1000).toFixed(2)}), peak RSS ${peak.toFixed(0)} MB ` +
        `· targets < ${shape.seconds} s and < ${shape.mb} MB: ${ms[1]! < shape.seconds * 1000 && peak < shape.mb ? 'met' : 'NOT met'}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
