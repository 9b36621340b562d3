import { parseArgs } from 'node:util'

/** A command line the emulator cannot run, with the one line that says why. */
export class UsageError extends Error {}

/** What `npm run emulator -- …` asks for. */
export type EmulatorCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'start'
      readonly target: string
      readonly port: number
      readonly token?: string
      readonly latencyMs: number
      readonly rateLimit?: number
      readonly faultRate: number
      readonly randomSeed: number
      /** A named seed of the target, or a JSON file. */
      readonly seed?: string
    }

export const DEFAULT_TARGET = 'gooddata-cloud'

/** Every flag: its value's placeholder, what it does, and its default as the usage shows it. */
const FLAGS = {
  target: { value: 'NAME', help: 'the target to emulate', default: DEFAULT_TARGET },
  port: { value: 'N', help: 'the port on 127.0.0.1; 0 picks a free one', default: '0' },
  token: { value: 'T', help: 'the token the emulator accepts', default: "the target's bootstrap token" },
  'latency-ms': { value: 'N', help: 'milliseconds from a request to its answer, plus its own work', default: '0' },
  'rate-limit': { value: 'N', help: 'requests per second before answering 429', default: 'no limit' },
  'fault-rate': { value: 'F', help: 'share of requests failed (500, 429, dropped), 0 to 1', default: '0' },
  'random-seed': { value: 'N', help: 'seed of the fault and trace id sequences', default: '1' },
  seed: {
    value: 'NAME|FILE',
    help: 'the organization: a named seed of the target or a JSON file',
    default: 'bootstrap user and group',
  },
  help: { value: undefined, help: 'print this and exit', default: undefined },
} as const

type Flag = keyof typeof FLAGS

/** Reads the command line; throws UsageError naming the flag at fault. */
export function parseEmulatorArgs(args: readonly string[]): EmulatorCommand {
  const options = Object.fromEntries(
    Object.entries(FLAGS).map(([name, flag]) => [name, { type: flag.value ? 'string' : 'boolean' }] as const),
  )
  // Not strict: unknown flags and missing values are reported below as one line, not a stack trace.
  const { values, tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  for (const token of tokens) checkToken(token)
  if (values.help) return { kind: 'help' }
  const text = (flag: Exclude<Flag, 'help'>) => values[flag] as string | undefined
  const rateLimit = readNumber('rate-limit', text('rate-limit'), { min: 1, integer: true })
  const token = text('token')
  const seed = text('seed')
  return {
    kind: 'start',
    target: text('target') ?? DEFAULT_TARGET,
    port: readNumber('port', text('port'), { min: 0, max: 65535, integer: true }) ?? 0,
    latencyMs: readNumber('latency-ms', text('latency-ms'), { min: 0, integer: true }) ?? 0,
    faultRate: readNumber('fault-rate', text('fault-rate'), { min: 0, max: 1, integer: false }) ?? 0,
    randomSeed: readNumber('random-seed', text('random-seed'), { min: 0, integer: true }) ?? 1,
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(token === undefined ? {} : { token }),
    ...(seed === undefined ? {} : { seed }),
  }
}

/** The usage text: every flag with its default; `targets` lists each target with its named seeds. */
export function renderEmulatorUsage(targets: readonly { name: string; namedSeeds: object }[]): string {
  const flags = Object.entries(FLAGS).map(([name, flag]) => {
    const left = `  --${name}${flag.value ? ` ${flag.value}` : ''}`.padEnd(24)
    return `${left}${flag.help}${flag.default ? ` (default: ${flag.default})` : ''}`
  })
  const known = targets.map((target) => {
    const seeds = Object.keys(target.namedSeeds)
    return `  ${target.name}${seeds.length > 0 ? ` (named seeds: ${seeds.join(', ')})` : ''}`
  })
  return [
    'Usage: npm run emulator -- [flags]',
    '',
    'Starts a target\'s emulator on 127.0.0.1, prints "<Target> emulator listening on <url>",',
    'and runs until stopped.',
    '',
    'Flags:',
    ...flags,
    '',
    'Targets:',
    ...known,
    '',
  ].join('\n')
}

type ArgToken = ReturnType<typeof parseArgs>['tokens'] extends (infer Token)[] | undefined ? Token : never

function checkToken(token: ArgToken): void {
  if (token.kind === 'positional') throw new UsageError(`unexpected argument ${JSON.stringify(token.value)}`)
  if (token.kind !== 'option') return
  if (!(token.name in FLAGS)) throw new UsageError(`unknown flag ${token.rawName}`)
  if (FLAGS[token.name as Flag].value && token.value === undefined)
    throw new UsageError(`${token.rawName} needs a value`)
}

function readNumber(flag: Flag, value: string | undefined, range: NumberRange): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (value.trim() !== '' && isInRange(parsed, range)) return parsed
  const { min, max, integer } = range
  const expected = `${integer ? 'a whole number' : 'a number'} from ${min}${max === undefined ? '' : ` to ${max}`}`
  throw new UsageError(`--${flag} ${JSON.stringify(value)}: expected ${expected}`)
}

interface NumberRange {
  readonly min: number
  readonly max?: number
  readonly integer: boolean
}

function isInRange(value: number, { min, max, integer }: NumberRange): boolean {
  const withinBounds = value >= min && (max === undefined || value <= max)
  return Number.isFinite(value) && withinBounds && (!integer || Number.isInteger(value))
}
