// node scripts/release-notes.mjs 1.2.0: checks that package.json and CHANGELOG.md (read from the
// current folder) both name that version, and prints its CHANGELOG section, the release's body.
// The release workflow runs it before tagging; it needs no dependencies.
import { readFileSync } from 'node:fs'

/** sysexits' EX_USAGE, as the CLI uses it. */
const EXIT_USAGE = 64
const EXIT_MISMATCH = 1

/** MAJOR.MINOR.PATCH without a leading v, pre-release or build (SemVer 2.0's core, no leading zeros). */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/
/** `## [1.2.0] - 2025-01-31` or `## [Unreleased]`, as Keep a Changelog writes them. */
const HEADING = /^## \[([^\]]+)\]/
/** `[1.2.0]: https://…`, the link definitions Keep a Changelog puts after the last section. */
const LINK_DEFINITION = /^\[[^\]]+\]:\s/

class ReleaseError extends Error {
  /** @param {string} message @param {number} exitCode */
  constructor(message, exitCode) {
    super(message)
    this.exitCode = exitCode
  }
}

/** The body of `version`'s section of `changelog`, after checking `packageVersion` and the newest heading. */
function readReleaseNotes(version, { packageVersion, changelog }) {
  if (version === undefined) {
    throw new ReleaseError('usage: node scripts/release-notes.mjs VERSION (e.g. 1.2.0)', EXIT_USAGE)
  }
  if (!VERSION.test(version)) {
    throw new ReleaseError(
      `version ${JSON.stringify(version)}: expected MAJOR.MINOR.PATCH, e.g. 1.2.0 (no leading v)`,
      EXIT_USAGE,
    )
  }
  if (packageVersion !== version) {
    throw new ReleaseError(
      `package.json has version ${JSON.stringify(packageVersion)}, not "${version}": bump it first`,
      EXIT_MISMATCH,
    )
  }
  const lines = changelog.split(/\r?\n/)
  const headings = lines.flatMap((line, index) => {
    const label = HEADING.exec(line)?.[1]
    return label === undefined || label === 'Unreleased' ? [] : [{ label, index }]
  })
  const newest = headings[0]
  if (newest?.label !== version) {
    const found = headings.some((heading) => heading.label === version)
    throw new ReleaseError(
      found
        ? `CHANGELOG.md: the newest release is ${newest?.label}, not ${version}; ${version} must come first`
        : `CHANGELOG.md has no "## [${version}]" section: move the Unreleased entries under one`,
      EXIT_MISMATCH,
    )
  }
  const rest = lines.slice(newest.index + 1)
  const end = rest.findIndex((line) => HEADING.test(line) || LINK_DEFINITION.test(line))
  const body = (end === -1 ? rest : rest.slice(0, end)).join('\n').trim()
  if (body === '') {
    throw new ReleaseError(`CHANGELOG.md: the "## [${version}]" section is empty`, EXIT_MISMATCH)
  }
  return body
}

/** A file of the current folder; a missing or unreadable one is a mismatch that names it. */
function readText(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new ReleaseError(`cannot read ${file} in ${process.cwd()} (${error.code ?? error.message})`, EXIT_MISMATCH)
  }
}

try {
  const { version: packageVersion } = JSON.parse(readText('package.json'))
  const changelog = readText('CHANGELOG.md')
  process.stdout.write(`${readReleaseNotes(process.argv[2], { packageVersion, changelog })}\n`)
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error
  process.stderr.write(`release-notes: ${error.message}\n`)
  process.exit(error.exitCode)
}
