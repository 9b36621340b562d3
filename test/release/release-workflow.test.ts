import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..', '..')

interface Step {
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly if?: string
  readonly with?: Record<string, unknown>
}
interface Job {
  readonly needs?: string | readonly string[]
  readonly permissions?: unknown
  readonly steps: readonly Step[]
}
interface Workflow {
  readonly on: {
    readonly workflow_dispatch?: { readonly inputs?: Record<string, { required?: boolean }> }
    readonly push?: { readonly tags?: readonly string[] }
  }
  readonly permissions?: unknown
  readonly jobs: Record<string, Job>
}

const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as Workflow
const jobs = Object.entries(workflow.jobs)
const steps = jobs.flatMap(([, job]) => job.steps)
const runs = steps.flatMap((step) => (step.run === undefined ? [] : [step.run]))

/** The job whose steps run `command`. */
function jobRunning(command: string): [string, Job] {
  const found = jobs.find(([, job]) => job.steps.some((step) => step.run?.includes(command)))
  if (!found) throw new Error(`no job runs ${command}`)
  return found
}

describe('.github/workflows/release.yml', () => {
  it('runs on workflow_dispatch with a required version, and on a pushed vX.Y.Z tag', () => {
    expect(workflow.on.workflow_dispatch?.inputs?.['version']?.required).toBe(true)
    expect(workflow.on.push?.tags).toEqual(['v*.*.*'])
  })

  it('checks the commit with .ci/run (which installs from the lockfile) and the versions with the script', () => {
    expect(runs).toContain('bash .ci/run')
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm ci\b/m)
    const [checkName, check] = jobRunning('bash .ci/run')
    expect(check.steps.some((step) => step.run?.includes('node scripts/release-notes.mjs "$version"'))).toBe(true)
    const [, publish] = jobRunning('gh release create')
    expect(publish.needs).toBe(checkName)
    expect(publish.steps.some((step) => step.run?.includes('node scripts/release-notes.mjs "$VERSION"'))).toBe(true)
    expect(runs.some((run) => run.includes('--notes-file "$RUNNER_TEMP/release-notes.md"'))).toBe(true)
  })

  it('asks for no permission beyond contents: write, and none to write where dependencies are installed', () => {
    for (const permissions of [workflow.permissions, ...jobs.map(([, job]) => job.permissions)]) {
      expect(permissions).toBeTypeOf('object')
      expect(Object.keys(permissions as object)).toEqual(['contents'])
      expect(['read', 'write']).toContain((permissions as { contents: unknown }).contents)
    }
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(jobRunning('bash .ci/run')[1].permissions).toEqual({ contents: 'read' })
  })

  it('force-pushes the major tag only, and creates vX.Y.Z without force', () => {
    const pushes = runs.flatMap((run) => run.split('\n').filter((line) => line.includes('git push')))
    expect(pushes.map((line) => line.trim())).toEqual([
      'git push origin "refs/tags/v$VERSION"',
      'git push --force origin "refs/tags/v$MAJOR"',
    ])
    const move = steps.find((step) => step.run?.includes('git push --force'))
    expect(move?.if).toBe("steps.newest.outputs.of-major == 'true'")
  })

  it('puts no expression inside a script, where a version input could inject commands', () => {
    for (const run of runs) expect(run).not.toContain('${{')
  })

  it('uses actions pinned by major version, with Node from .node-version', () => {
    const uses = steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]))
    expect(new Set(uses)).toEqual(new Set(['actions/checkout@v5', 'actions/setup-node@v5']))
    for (const step of steps.filter((each) => each.uses?.startsWith('actions/setup-node'))) {
      expect(step.with).toEqual({ 'node-version-file': '.node-version' })
    }
  })
})
