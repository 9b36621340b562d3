import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { FIXTURES, readCassette, recordedHeader, replay, shapeProblems } from './cassette-replay.js'
import { CONTRACT_PASSWORD, contractSeed, RECORDED_ADMIN } from './contract-seeds.js'
import { startGoodDataPlatformEmulator, type RunningGoodDataPlatformEmulator } from './server.js'
import { loggedIn } from './test-client.js'

/** The one recording of a resource the emulator does not serve (`POST /gdc/projects`); kept for its error envelope. */
const PERL_ERROR = 'error_perl_400_structure_invalid.yaml'

let emulator: RunningGoodDataPlatformEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

describe('recorded /gdc traffic replays against the emulator', () => {
  const cassettes = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.yaml'))
    .sort()

  it('all 25 recordings are there', () => expect(cassettes).toHaveLength(25))

  it.each(cassettes.filter((name) => name !== PERL_ERROR))('%s', async (name) => {
    const interactions = readCassette(name)
    emulator = await startGoodDataPlatformEmulator({ seed: contractSeed(name, interactions) })
    const problems = await replay(emulator, interactions, { login: RECORDED_ADMIN.login, password: CONTRACT_PASSWORD })
    expect(problems).toEqual([])
  })

  it('the Perl-family errors have the keys of the recorded one, and its request id extends the X-GDC-Request answered', async () => {
    const [{ response }] = readCassette(PERL_ERROR) as [ReturnType<typeof readCassette>[number]]
    const recorded = response.body.string as { error: { requestId: string } }
    const echoed = recordedHeader(response.headers, 'X-Gdc-Request')!
    expect(recorded.error.requestId.startsWith(`${echoed}:`)).toBe(true)
    emulator = await startGoodDataPlatformEmulator()
    const client = await loggedIn(emulator.url)
    const answer = await client.call<{ error: { requestId: string } }>(
      'DELETE',
      `/gdc/projects/${emulator.state.project}/users/${'0'.repeat(32)}`,
      undefined,
      {
        'x-gdc-request': ':client:request',
      },
    )
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-type')).toBe(recordedHeader(response.headers, 'Content-Type'))
    expect(shapeProblems(recorded, answer.body)).toEqual([])
    expect(answer.body.error.requestId).toMatch(new RegExp(`^${answer.headers.get('x-gdc-request')}:[0-9a-f]{16}$`))
  })
})

describe('the shape comparison', () => {
  it('finds a missing or an extra key, a type changed, and a list empty on one side only', () => {
    expect(shapeProblems({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' } })).toEqual([])
    expect(shapeProblems({ a: 1, b: 2 }, { a: 1, z: 2 })).toEqual([
      '$.b: recorded, not answered',
      '$.z: answered, not recorded',
    ])
    expect(shapeProblems({ a: [1] }, { a: ['1'] })).toEqual(['$.a[0]: recorded number, answered string'])
    expect(shapeProblems({ items: [] }, { items: [{}] })).toEqual(['$.items: recorded 0 items, answered 1'])
    expect(shapeProblems({ phone: null, name: '' }, { phone: '', name: null })).toEqual([])
    expect(shapeProblems({ links: { self: '' } }, { links: { self: '', auditEvents: '' } })).toEqual([])
  })
})
