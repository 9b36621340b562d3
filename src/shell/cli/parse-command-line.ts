import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../usage-error.js'

export type OutputFormat = 'text' | 'json'

/** The validate command's options, parsed once. */
export interface ValidateOptions {
  readonly command: 'validate'
  readonly config: string
  readonly format: OutputFormat
}

export type CommandLine = { readonly command: 'help'; readonly topic: string } | ValidateOptions

/** argv (without node and script) → one typed command, or a UsageError naming what is wrong. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { command: 'help', topic: rest[0] ?? 'main' }
  }
  if (command !== 'validate') throw new UsageError(`unknown command ${JSON.stringify(command)}; expected validate`)
  const values = parseOptions(rest, {
    config: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values['help']) return { command: 'help', topic: command }
  const config = values['config']
  if (typeof config !== 'string' || config === '') throw new UsageError('--config DIR is required: the folder that holds users.yaml and groups.yaml')
  return { command, config, format: parseFormat(values['format']) }
}

function parseOptions(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as Record<string, unknown>
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its sentence, drop its code.
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error))
  }
}

function parseFormat(value: unknown): OutputFormat {
  if (value === undefined) return 'text'
  if (value === 'text' || value === 'json') return value
  throw new UsageError(`--format ${JSON.stringify(value)} is not supported; expected text or json`)
}
