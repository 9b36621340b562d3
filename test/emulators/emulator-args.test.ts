import { describe, expect, it } from 'vitest'
import { parseEmulatorArgs, UsageError } from './emulator-args.js'

describe('parseEmulatorArgs', () => {
  it('fills in the defaults', () => {
    const defaults = { target: 'gooddata-cloud', port: 0, latencyMs: 0, faultRate: 0, randomSeed: 1 }
    expect(parseEmulatorArgs([])).toEqual({ kind: 'start', ...defaults })
  })

  it('reads every flag', () => {
    const args = ['--target=gooddata-cloud', '--port', '8080', '--token', 't', '--latency-ms', '5']
    const more = ['--rate-limit', '10', '--fault-rate', '0.25', '--random-seed', '7', '--seed', 'demo']
    expect(parseEmulatorArgs([...args, ...more])).toEqual({
      kind: 'start',
      target: 'gooddata-cloud',
      port: 8080,
      token: 't',
      latencyMs: 5,
      rateLimit: 10,
      faultRate: 0.25,
      randomSeed: 7,
      seed: 'demo',
    })
  })

  it.each([
    [['--port', '-1'], '--port "-1": expected a whole number from 0 to 65535'],
    [['--port', ''], '--port "": expected a whole number from 0 to 65535'],
    [['--latency-ms', '1.5'], '--latency-ms "1.5": expected a whole number from 0'],
    [['--rate-limit', '0'], '--rate-limit "0": expected a whole number from 1'],
    [['--fault-rate', 'half'], '--fault-rate "half": expected a number from 0 to 1'],
    [['--random-seed', 'x'], '--random-seed "x": expected a whole number from 0'],
    [['--seed'], '--seed needs a value'],
    [['--verbose'], 'unknown flag --verbose'],
    [['gooddata-cloud'], 'unexpected argument "gooddata-cloud"'],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseEmulatorArgs(args)).toThrow(new UsageError(message))
  })

  it('--help wins over everything else', () => {
    expect(parseEmulatorArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' })
  })
})
