import type { TargetType } from '../../core/model/entities.js'
import { TARGET_PROFILES } from '../../core/targets/profiles.js'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { LoadMode } from '../../core/model/entities.js'
import { UsageError } from '../usage-error.js'
import type { ExportOptions } from './export-command.js'

export type OutputFormat = 'text' | 'markdown' | 'json'

export interface ValidateOptions {
  readonly command: 'validate'
  readonly config: string
  readonly format: 'text' | 'json'
}

export interface PlanOptions {
  readonly command: 'plan' | 'apply'
  readonly config: string
  readonly host?: string
  readonly load?: LoadMode
  readonly format: OutputFormat
  readonly out?: string
  readonly concurrency: number
  readonly allowBlocked: boolean
  readonly detailedExitcode: boolean
}

export type CommandLine =
  | { readonly command: 'help'; readonly topic: string }
  | { readonly command: 'version' }
  | ValidateOptions
  | PlanOptions
  | ExportOptions

const COMMANDS = ['validate', 'plan', 'apply', 'export'] as const
const EXPORTING = {
  target: { type: 'string' },
  domain: { type: 'string' },
  project: { type: 'string' },
  out: { type: 'string' },
  host: { type: 'string' },
  layout: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const
const SHARED = {
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const
const PLANNING = {
  ...SHARED,
  host: { type: 'string' },
  load: { type: 'string' },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  'allow-blocked': { type: 'boolean' },
} as const

/** argv (without node and script) → one typed command, or a UsageError naming what is wrong. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help')
    return { command: 'help', topic: rest[0] ?? 'main' }
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' }
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`unknown command ${JSON.stringify(command)}; expected ${COMMANDS.join(', ')}`)
  if (command === 'export') return parseExport(rest)
  const options =
    command === 'validate'
      ? SHARED
      : command === 'plan'
        ? { ...PLANNING, 'detailed-exitcode': { type: 'boolean' } as const }
        : PLANNING
  if (rest.some((arg) => /^--token(=|$)/.test(arg))) {
    throw new UsageError(
      "there is no --token option, so the token never lands in shell history or process lists; set the target's variable (GOODDATA_TOKEN, ODS_API_KEY, GDC_SST)",
    )
  }
  const values = parseOptions(rest, options)
  if (values['help']) return { command: 'help', topic: command }
  const config = values['config']
  if (typeof config !== 'string' || config === '')
    throw new UsageError('--config DIR is required: the folder that holds users.yaml and groups.yaml')
  if (command === 'validate') {
    const format = values['format'] ?? 'text'
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format ${JSON.stringify(format)} is not supported; expected text or json`)
    return { command, config, format }
  }
  const format = values['format'] ?? 'text'
  if (format !== 'text' && format !== 'markdown' && format !== 'json')
    throw new UsageError(`--format ${JSON.stringify(format)} is not supported; expected text, markdown or json`)
  const load = values['load']
  if (load !== undefined && load !== 'full' && load !== 'incremental')
    throw new UsageError(`--load ${JSON.stringify(load)} is not supported; expected full or incremental`)
  return {
    command: command as 'plan' | 'apply',
    config,
    format,
    ...(typeof values['host'] === 'string' ? { host: values['host'] } : {}),
    ...(load === undefined ? {} : { load }),
    ...(typeof values['out'] === 'string' ? { out: values['out'] } : {}),
    concurrency: parseConcurrency(values['concurrency']),
    allowBlocked: values['allow-blocked'] === true,
    detailedExitcode: values['detailed-exitcode'] === true,
  }
}

function parseExport(args: readonly string[]): CommandLine {
  if (args.some((arg) => /^--token(=|$)/.test(arg)))
    throw new UsageError("there is no --token option; set the target's variable (GOODDATA_TOKEN, ODS_API_KEY, GDC_SST)")
  const values = parseOptions(args, EXPORTING)
  if (values['help']) return { command: 'help', topic: 'export' }
  const out = values['out']
  if (typeof out !== 'string' || out === '')
    throw new UsageError('--out DIR is required: the folder to write users.yaml, groups.yaml and provisioning.yaml to')
  const layout = values['layout'] ?? 'single'
  if (layout !== 'single' && layout !== 'per-group')
    throw new UsageError(`--layout ${JSON.stringify(layout)} is not supported; expected single or per-group`)
  const type = values['target'] ?? 'gooddata-cloud'
  if (typeof type !== 'string' || !Object.hasOwn(TARGET_PROFILES, type)) {
    throw new UsageError(
      `--target ${JSON.stringify(type)} is not a target type; expected ${Object.keys(TARGET_PROFILES).join(', ')}`,
    )
  }
  const place = {
    ...(typeof values['domain'] === 'string' ? { domain: values['domain'] } : {}),
    ...(typeof values['project'] === 'string' ? { project: values['project'] } : {}),
  }
  return {
    command: 'export',
    type: type as TargetType,
    ...place,
    out,
    layout,
    force: values['force'] === true,
    ...(typeof values['host'] === 'string' ? { host: values['host'] } : {}),
  }
}

function parseOptions(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as Record<
      string,
      unknown
    >
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its sentence, drop its code.
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error),
    )
  }
}

function parseConcurrency(value: unknown): number {
  if (value === undefined) return 8
  const parsed = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || parsed < 1 || parsed > 64) {
    throw new UsageError(
      `--concurrency ${JSON.stringify(value)} is not supported; expected a whole number from 1 to 64`,
    )
  }
  return parsed
}
