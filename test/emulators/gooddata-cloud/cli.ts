// npm run emulator -- [--port N] [--token T] [--latency-ms N] [--rate-limit N] [--fault-rate F] [--random-seed N] [--seed FILE]
// Prints "GoodData emulator listening on http://127.0.0.1:PORT" first, then runs until killed.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startGoodDataEmulator } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    token: { type: 'string' },
    'latency-ms': { type: 'string' },
    'rate-limit': { type: 'string' },
    'fault-rate': { type: 'string' },
    'random-seed': { type: 'string' },
    seed: { type: 'string' },
  },
  strict: true,
})

function numberOption(name: string, value: string | undefined, { min, max, integer }: { min: number; max?: number; integer: boolean }): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < min || (max !== undefined && parsed > max) || (integer && !Number.isInteger(parsed))) {
    process.stderr.write(`--${name} ${JSON.stringify(value)}: expected ${integer ? 'a whole number' : 'a number'} from ${min}${max === undefined ? '' : ` to ${max}`}\n`)
    process.exit(64)
  }
  return parsed
}

const port = numberOption('port', values.port, { min: 0, max: 65535, integer: true })
const latencyMs = numberOption('latency-ms', values['latency-ms'], { min: 0, integer: true })
const rateLimit = numberOption('rate-limit', values['rate-limit'], { min: 1, integer: true })
const faultRate = numberOption('fault-rate', values['fault-rate'], { min: 0, max: 1, integer: false })
const randomSeed = numberOption('random-seed', values['random-seed'], { min: 0, integer: true })
const emulator = await startGoodDataEmulator({
  ...(port === undefined ? {} : { port }),
  ...(values.token === undefined ? {} : { token: values.token }),
  ...(latencyMs === undefined ? {} : { latencyMs }),
  ...(rateLimit === undefined ? {} : { rateLimit }),
  ...(faultRate === undefined ? {} : { faultRate }),
  ...(randomSeed === undefined ? {} : { randomSeed }),
  ...(values.seed === undefined ? {} : { seed: JSON.parse(readFileSync(values.seed, 'utf8')) }),
})
process.stdout.write(`GoodData emulator listening on ${emulator.url}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void emulator.close().then(() => process.exit(0)))
}
