import type { CliIo } from '../../src/shell/cli/cli-io.js'

/** A CliIo that keeps what the command wrote, for assertions. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env,
    cwd,
  }
  return { io, stdout: () => out.join(''), stderr: () => err.join('') }
}
