/** What a CLI command may touch: output streams, environment and working directory. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean }
  readonly stderr: { write(text: string): unknown; isTTY?: boolean }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** sysexits-style exit codes the CLI answers with. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 64,
} as const
