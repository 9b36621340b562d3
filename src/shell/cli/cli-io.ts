/** What a CLI command may touch: output streams, environment, working directory and clock. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean }
  readonly stderr: { write(text: string): unknown; isTTY?: boolean }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly now?: () => number
}

/** Exit codes the CLI answers with (sysexits for usage; Terraform's 2 for "changes"). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  changes: 2,
  blocked: 3,
  usage: 64,
} as const
