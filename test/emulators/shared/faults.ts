import { seededRandom } from './seeded-random.js'

/** A fault the emulator injects instead of an honest answer. */
export type Fault = '500' | '503' | '429' | '400' | '403' | 'drop-before' | 'drop-after'

/** A fault answered with a status and the target's error body. */
export type AnsweredFault = Exclude<Fault, 'drop-before' | 'drop-after' | '429'>

/** Picks a request's fault: see FaultSource. */
export type FaultPicker = (request: { method: string; path: string }) => Fault | undefined

/** Where faults come from: a share of requests at random, and a test's own picks. */
export interface FaultOptions {
  readonly faultRate?: number
  readonly randomSeed?: number
  readonly injectFault?: FaultPicker
}

/** Random faults at `faultRate` from a seeded random, then the faults a test picks. */
export class FaultSource {
  private readonly random: () => number

  constructor(private readonly options: FaultOptions) {
    this.random = seededRandom(options.randomSeed ?? 1)
  }

  /** The fault for this request, if any. */
  pick(request: { method: string; path: string }): Fault | undefined {
    return this.drawRandomFault() ?? this.options.injectFault?.(request)
  }

  /** 40% 500, 20% 429, 20% dropped before the work, 20% dropped after it. */
  private drawRandomFault(): Fault | undefined {
    if (!this.options.faultRate || this.random() >= this.options.faultRate) return undefined
    const kind = this.random()
    return kind < 0.4 ? '500' : kind < 0.6 ? '429' : kind < 0.8 ? 'drop-before' : 'drop-after'
  }
}
