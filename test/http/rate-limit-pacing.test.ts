import { afterEach, describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { executePlan } from '../../src/shell/apply/execute-plan.js'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { RateLimitPacer } from '../../src/shell/http/pace-rate-limit.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { DEFAULT_TOKEN, startGoodDataEmulator } from '../emulators/gooddata-cloud/server.js'
import { desiredGroup, desiredState, desiredUser } from '../support/states.js'
import { startScriptedServer } from './scripted-server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const told = (remaining: number, reset: number) => ({ remaining: String(remaining), reset: String(reset) })

describe('RateLimitPacer', () => {
  it('lets requests go at once until what is left is low, then spreads the rest to the reset, then waits for it', () => {
    const pacer = new RateLimitPacer(4)
    const first = pacer.reserve(0)
    expect(first).toEqual({ seq: 1, at: 0 })
    // 7 left after the first, 1 s to the reset.
    pacer.observe(first, 0, told(7, 1), 0)
    const times = Array.from({ length: 9 }, () => pacer.reserve(0).at)
    // With 7, 6 and 5 left they go at once; the last 4 one every 250 ms; with none left, at the reset.
    expect(times).toEqual([0, 0, 0, 0, 250, 500, 750, 1000, 1000])
    // After the reset nothing is known: the next goes at once.
    expect(pacer.reserve(1000).at).toBe(1000)
  })

  it('counts the requests sent after the answer that reported, and ignores older news', () => {
    const pacer = new RateLimitPacer(0)
    const slots = [pacer.reserve(0), pacer.reserve(0), pacer.reserve(0)]
    // The third answers first: 1 left after it.
    pacer.observe(slots[2]!, 0, told(1, 2), 10)
    // The first answers later, its count older: it changes nothing.
    pacer.observe(slots[0]!, 0, told(3, 2), 20)
    expect(pacer.reserve(20).at).toBe(20)
    expect(pacer.reserve(20).at).toBe(2_010)
  })

  it('takes no word from an answer to a request sent in a window that has since ended', () => {
    const pacer = new RateLimitPacer(0)
    const old = pacer.reserve(0)
    pacer.observe(pacer.reserve(0), 0, told(0, 1), 0)
    // The window ended at 1000; an answer to a request sent before then says nothing of the next one.
    pacer.observe(old, 500, told(0, 1), 1_200)
    expect(pacer.reserve(1_200).at).toBe(1_200)
  })

  it('paces nothing without both headers, nor by a reset that is an epoch time', () => {
    const pacer = new RateLimitPacer(10)
    pacer.observe(pacer.reserve(0), 0, { remaining: '0', reset: undefined }, 0)
    pacer.observe(pacer.reserve(0), 0, { remaining: undefined, reset: '5' }, 0)
    pacer.observe(pacer.reserve(0), 0, told(0, 1_767_225_600), 0)
    expect(pacer.reserve(0).at).toBe(0)
  })
})

describe('HttpClient paces by X-RateLimit-Remaining and X-RateLimit-Reset', () => {
  it('spreads the last requests of a window over the time to its reset, shared by every request to the host', async () => {
    let answered = 0
    // 20 requests a window; every answer says how many are left and that the window ends in 1 s.
    const server = await startScriptedServer(() => {
      answered++
      const headers = { 'x-ratelimit-remaining': String(Math.max(0, 20 - answered)), 'x-ratelimit-reset': '1' }
      return { status: 200, body: {}, headers }
    })
    closers.push(server.close)
    const delays: number[] = []
    // A fixed clock: each wait is the pacer's alone, not what a busy machine made of it.
    const client = new HttpClient({
      host: server.url,
      dialect: { auth: { headers: async () => ({}), secrets: () => [] } },
      concurrency: 2,
      now: () => 0,
      sleep: async (ms) => void delays.push(ms),
    })
    closers.push(() => client.close())
    for (let i = 0; i < 22; i++) await client.request({ method: 'GET', path: '/x' })
    // Spreading starts at 4 left (twice the bound): one every 250 ms to the reset; with none left, the reset.
    expect(delays).toEqual([250, 500, 750, 1_000, 1_000])
    expect(client.rateLimitedAnswers).toBe(0)
  })
})

describe('an apply against the emulator’s rate limit, over loopback', () => {
  const LIMIT = 30
  const USERS = 80

  /** Reads and applies USERS new users in one group, through the emulator's rate limit and the headers it sends with every answer, as GoodData Cloud does. */
  async function applyNewUsers(paceRateLimit: boolean) {
    const emulator = await startGoodDataEmulator({ rateLimit: LIMIT })
    closers.push(() => emulator.close())
    const dialect = goodDataCloudDialect(DEFAULT_TOKEN)
    const client = new HttpClient({ host: emulator.url, dialect, concurrency: 8, paceRateLimit })
    const target = new GoodDataCloudTarget(client, emulator.url)
    closers.push(() => target.close())
    const users = Array.from({ length: USERS }, (_, i) => desiredUser(`new.${i}`, { userGroups: ['team'] }))
    const plan = computePlan(desiredState(users, [desiredGroup('team')]), await target.readState(), {
      load: 'incremental',
    })
    const result = await executePlan(plan, target, { concurrency: 8 })
    const refused = emulator.requestLog.filter((entry) => entry.status === 429).length
    const created = [...emulator.state.users.keys()].filter((id) => id.startsWith('new.')).length
    return { counts: result.counts, rateLimited: client.rateLimitedAnswers, refused, created }
  }

  it('meets fewer 429s when it paces, and applies everything either way', async () => {
    const unpaced = await applyNewUsers(false)
    const paced = await applyNewUsers(true)
    for (const run of [unpaced, paced]) {
      expect(run.counts).toEqual({ applied: USERS + 1, failed: 0, skipped: 0 })
      expect(run.created).toBe(USERS)
      // The client counts every 429 it was answered, retried or not.
      expect(run.rateLimited).toBe(run.refused)
    }
    if (process.env['RELIABILITY_REPORT'])
      console.info(
        `429s over ${USERS + 5} requests at ${LIMIT}/s: ${unpaced.rateLimited} unpaced, ${paced.rateLimited} paced`,
      )
    expect(unpaced.rateLimited).toBeGreaterThan(0)
    expect(paced.rateLimited).toBeLessThan(unpaced.rateLimited)
  }, 60_000)
})
