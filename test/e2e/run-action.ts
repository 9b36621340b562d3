import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const projectRoot = join(import.meta.dirname, '..', '..')
const guard = join(projectRoot, 'test', 'support', 'loopback-only.mjs')

export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string
  readonly outputFile: string
}

/**
 * Runs the built action (dist/index.js) in a child process as the runner does: INPUT_* variables,
 * the event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_API_URL on loopback.
 */
export async function runAction(options: {
  workspace: string
  eventName: string
  payload: unknown
  inputs: Record<string, string>
  githubApiUrl: string
  sha?: string
  ref?: string
  node?: string
}): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), 'upa-runner-'))
  const eventPath = join(runner, 'event.json')
  const outputFile = join(runner, 'output')
  const summaryFile = join(runner, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(options.payload))
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    NODE_OPTIONS: `--import ${guard}`,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_API_URL: options.githubApiUrl,
    GITHUB_SERVER_URL: options.githubApiUrl,
    GITHUB_GRAPHQL_URL: `${options.githubApiUrl}/graphql`,
    GITHUB_REPOSITORY: 'acme/access',
    GITHUB_SHA: options.sha ?? 'abc123',
    GITHUB_REF: options.ref ?? 'refs/pull/7/merge',
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: runner,
  }
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const child = spawn(options.node ?? process.execPath, [join(projectRoot, 'dist', 'index.js')], {
    cwd: options.workspace,
    env,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    outputFile,
  }
}

/** GITHUB_OUTPUT's `name<<delimiter … delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}
