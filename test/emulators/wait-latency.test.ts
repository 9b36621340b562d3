import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitLatency } from './shared/loopback-server.js'

describe('the emulators answer a request its latency after it arrived, plus its own work', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] }))
  afterEach(() => vi.useRealTimers())

  /** Whether waitLatency(…) has resolved after `ms` more milliseconds. */
  async function resolvedAfter(wait: Promise<void>, ms: number): Promise<boolean> {
    let done = false
    void wait.then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(ms)
    return done
  }

  it('does not make a request wait for the work of those routed before it', async () => {
    const arrivedAt = performance.now()
    // Routed 30 ms after it arrived (behind other requests), its own work 5 ms: it leaves at 50 + 5 from arrival.
    vi.advanceTimersByTime(30)
    const wait = waitLatency(50, arrivedAt, 5)
    expect(await resolvedAfter(wait, 24)).toBe(false)
    expect(await resolvedAfter(wait, 1)).toBe(true)
  })

  it('waits the whole latency for a request routed at once', async () => {
    const wait = waitLatency(20, performance.now(), 0)
    expect(await resolvedAfter(wait, 19)).toBe(false)
    expect(await resolvedAfter(wait, 1)).toBe(true)
  })

  it('answers at once when the latency is over already, or there is none', async () => {
    const arrivedAt = performance.now()
    vi.advanceTimersByTime(80)
    expect(await resolvedAfter(waitLatency(50, arrivedAt, 10), 0)).toBe(true)
    expect(await resolvedAfter(waitLatency(0, performance.now(), 10), 0)).toBe(true)
    expect(await resolvedAfter(waitLatency(undefined, performance.now(), 10), 0)).toBe(true)
  })
})
