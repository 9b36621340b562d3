/** A command line or setup the user must correct; the CLI exits 64 (EX_USAGE) with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
