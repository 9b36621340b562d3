// Bundles the action and the CLI with ncc into dist/index.js and dist/cli.js,
// each a single ESM file that runs with plain `node` and no node_modules.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync, chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const bundles = [
  { entry: 'src/shell/action/index.ts', out: 'index.js' },
  { entry: 'src/shell/cli/index.ts', out: 'cli.js', shebang: true },
]

rmSync('dist', { recursive: true, force: true })
mkdirSync('dist')
for (const bundle of bundles) {
  const work = mkdtempSync(join(tmpdir(), 'upa-build-'))
  try {
    execFileSync('npx', ['ncc', 'build', bundle.entry, '-o', work, '--target', 'es2022', '--quiet'], {
      stdio: 'inherit',
    })
    let code = readFileSync(join(work, 'index.js'), 'utf8')
    if (bundle.shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`
    writeFileSync(join('dist', bundle.out), code)
    if (bundle.shebang) chmodSync(join('dist', bundle.out), 0o755)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'module' }, null, 2)}\n`)
