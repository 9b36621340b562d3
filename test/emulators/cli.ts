import { readFileSync } from 'node:fs'
import { parseEmulatorArgs, renderEmulatorUsage, UsageError } from './emulator-args.js'
import { EMULATOR_TARGETS, findEmulatorTarget, type EmulatorTarget } from './emulator-targets.js'

/** sysexits' EX_USAGE. */
const EXIT_USAGE = 64

try {
  const command = parseEmulatorArgs(process.argv.slice(2))
  if (command.kind === 'help') {
    process.stdout.write(renderEmulatorUsage(EMULATOR_TARGETS))
  } else {
    const { kind: _kind, target: name, seed, ...options } = command
    const target = findEmulatorTarget(name)
    if (!target) {
      const known = EMULATOR_TARGETS.map((each) => each.name).join(', ')
      throw new UsageError(`--target ${JSON.stringify(name)}: expected one of ${known}`)
    }
    const seeded = seed === undefined ? {} : { seed: readSeed(target, seed) }
    const emulator = await target.start({ ...options, ...seeded }).catch((error: unknown) => {
      throw isPortTaken(error) ? new UsageError(`--port ${options.port}: already in use`) : error
    })
    process.stdout.write(`${target.title} emulator listening on ${emulator.url}\n`)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void emulator.close().then(() => process.exit(0)))
    }
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`emulator: ${error.message} (see --help)\n`)
  process.exit(EXIT_USAGE)
}

/** A named seed of the target, else the JSON file at `value`. */
function readSeed(target: EmulatorTarget, value: string): unknown {
  if (Object.hasOwn(target.namedSeeds, value)) return target.namedSeeds[value]
  try {
    return JSON.parse(readFileSync(value, 'utf8'))
  } catch {
    const named = Object.keys(target.namedSeeds).join(', ')
    throw new UsageError(`--seed ${JSON.stringify(value)}: expected ${named ? `${named} or ` : ''}a readable JSON file`)
  }
}

function isPortTaken(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
}
