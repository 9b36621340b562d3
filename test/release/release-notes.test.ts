import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const script = join(root, 'scripts', 'release-notes.mjs')
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const SECTION_120 = `### Added

- Export writes per-group files.

### Fixed

- A retried create answered 409 counts as done.`

const CHANGELOG = `# Changelog

## [Unreleased]

- Not released yet.

## [1.2.0] - 2026-01-31

${SECTION_120}

## [1.1.0] - 2025-12-01

### Added

- Opendatasoft.

[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
[1.1.0]: https://github.com/o/r/releases/tag/v1.1.0
`

/** The script run as the workflow runs it, in a folder holding this package.json version and CHANGELOG.md. */
function releaseNotes(args: readonly string[], files: { version: string; changelog?: string }) {
  const cwd = mkdtempSync(join(tmpdir(), 'upa-release-'))
  made.push(cwd)
  writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: 'x', version: files.version }))
  if (files.changelog !== undefined) writeFileSync(join(cwd, 'CHANGELOG.md'), files.changelog)
  const run = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 10_000 })
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr }
}

interface Refusal {
  readonly why: string
  readonly args: readonly string[]
  readonly version: string
  /** Absent: the folder has no CHANGELOG.md. */
  readonly changelog?: string
  readonly exitCode: number
  readonly message: string
}

describe('scripts/release-notes.mjs', () => {
  it('prints the section of a version package.json and the newest CHANGELOG heading agree on', () => {
    expect(releaseNotes(['1.2.0'], { version: '1.2.0', changelog: CHANGELOG })).toEqual({
      exitCode: 0,
      stdout: `${SECTION_120}\n`,
      stderr: '',
    })
  })

  it('ends the last section before the link definitions, and reads CRLF files', () => {
    const changelog = CHANGELOG.replace(/\n## \[1\.1\.0\][\s\S]*?\n\[/, '\n[').replaceAll('\n', '\r\n')
    const run = releaseNotes(['1.2.0'], { version: '1.2.0', changelog })
    expect(run).toEqual({ exitCode: 0, stdout: `${SECTION_120}\n`, stderr: '' })
  })

  it.each<Refusal>([
    {
      why: 'a version the CHANGELOG has no section for',
      args: ['1.3.0'],
      version: '1.3.0',
      changelog: CHANGELOG,
      exitCode: 1,
      message: 'CHANGELOG.md has no "## [1.3.0]" section: move the Unreleased entries under one',
    },
    {
      why: 'a version that is not the newest in the CHANGELOG',
      args: ['1.1.0'],
      version: '1.1.0',
      changelog: CHANGELOG,
      exitCode: 1,
      message: 'CHANGELOG.md: the newest release is 1.2.0, not 1.1.0; 1.1.0 must come first',
    },
    {
      why: 'a package.json that names another version',
      args: ['1.2.0'],
      version: '1.1.0',
      changelog: CHANGELOG,
      exitCode: 1,
      message: 'package.json has version "1.1.0", not "1.2.0": bump it first',
    },
    {
      why: 'an empty section',
      args: ['1.2.0'],
      version: '1.2.0',
      changelog: CHANGELOG.replace(SECTION_120, ''),
      exitCode: 1,
      message: 'CHANGELOG.md: the "## [1.2.0]" section is empty',
    },
    {
      why: 'no CHANGELOG.md',
      args: ['1.2.0'],
      version: '1.2.0',
      exitCode: 1,
      message: 'cannot read CHANGELOG.md in ',
    },
    ...['v1.2.0', '1.2', '1.2.0-rc.1', '01.2.0', '1.2.0 '].map((version) => ({
      why: `a malformed version ${JSON.stringify(version)}`,
      args: [version],
      version: '1.2.0',
      changelog: CHANGELOG,
      exitCode: 64,
      message: `version ${JSON.stringify(version)}: expected MAJOR.MINOR.PATCH, e.g. 1.2.0 (no leading v)`,
    })),
    {
      why: 'no version',
      args: [],
      version: '1.2.0',
      changelog: CHANGELOG,
      exitCode: 64,
      message: 'usage: node scripts/release-notes.mjs VERSION (e.g. 1.2.0)',
    },
  ])('refuses $why', ({ args, version, changelog, exitCode, message }) => {
    const run = releaseNotes(args, { version, ...(changelog === undefined ? {} : { changelog }) })
    expect(run.exitCode).toBe(exitCode)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`release-notes: ${message}`)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it("agrees with this repository's package.json and CHANGELOG.md", () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    const run = spawnSync(process.execPath, [script, version], { cwd: root, encoding: 'utf8', timeout: 10_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^### /)
  })
})
