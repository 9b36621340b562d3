import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

const CLI = join(import.meta.dirname, '..', 'cli.ts')

/**
 * Runs `npm run emulator -- …args` as a child process; `url` resolves once it prints
 * "<title> emulator listening on <url>" and rejects if it exits first. The caller stops the child.
 */
export function startEmulatorProcess(
  args: readonly string[],
  title: string,
): { child: ChildProcessWithoutNullStreams; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' })
  const listening = new RegExp(
    `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} emulator listening on (http://127\\.0\\.0\\.1:\\d+)\\n`,
  )
  const url = new Promise<string>((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const found = listening.exec(stdout)?.[1]
      if (found) resolve(found)
    })
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code} before listening`)))
  })
  return { child, url }
}
