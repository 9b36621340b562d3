import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_DOMAIN } from './demo-domain.js'
import type { UserSeed } from './domain-state.js'
import type { HostileAnswer } from './hostile-answers.js'
import { DEFAULT_API_KEY, requestsWithKeyInQuery, startOpendatasoftEmulator } from './server.js'
import type { OpendatasoftEmulatorOptions, RunningOpendatasoftEmulator } from './server.js'
import { apiClient, type ErrorDoc, type PageDoc, type UserDoc } from './test-client.js'

let emulator: RunningOpendatasoftEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: OpendatasoftEmulatorOptions = {}) {
  emulator = await startOpendatasoftEmulator(options)
  return apiClient(emulator)
}

const many = (count: number): UserSeed[] => [
  { username: 'admin', email: 'admin@example.com', permissions: ['edit_domain'] },
  ...Array.from({ length: count }, (_, i) => ({
    username: `user${String(i).padStart(2, '0')}`,
    email: `user${i}@example.com`,
  })),
]

describe('paging', () => {
  it('next and previous are absolute URLs on the emulator, carrying limit and offset, and following next reads everything', async () => {
    const call = await start({ seed: { users: many(44) } })
    const seen: string[] = []
    let url: string | null = '/users/?limit=20'
    const pages: PageDoc<UserDoc>[] = []
    while (url) {
      const page: PageDoc<UserDoc> = (await call<PageDoc<UserDoc>>('GET', url)).body
      pages.push(page)
      seen.push(...page.results.map((user) => user.username))
      url = page.next
    }
    expect(seen).toHaveLength(45)
    expect(new Set(seen).size).toBe(45)
    expect(pages.map((page) => page.total_count)).toEqual([45, 45, 45])
    expect(pages[0]!.next).toBe(`${emulator!.url}/api/automation/v1.0/users/?limit=20&offset=20`)
    expect(pages[0]!.previous).toBeNull()
    expect(pages[2]!.previous).toBe(`${emulator!.url}/api/automation/v1.0/users/?limit=20&offset=20`)
    expect(pages[2]!.results).toHaveLength(5)
  })

  it('keeps the rest of the query in the links, and limit=0 answers the count alone', async () => {
    const call = await start({ seed: { users: many(30) } })
    const searched = await call<PageDoc<UserDoc>>('GET', '/users/?search=USER1&limit=4')
    // user10…user19, and user01 by its e-mail user1@example.com.
    expect(searched.body.total_count).toBe(11)
    expect(new URL(searched.body.next!).searchParams.toString()).toBe('limit=4&offset=4&search=USER1')
    expect((await call('GET', '/users/?limit=0')).body).toEqual({
      total_count: 31,
      next: null,
      previous: null,
      results: [],
    })
  })

  it('pages the members of a group too', async () => {
    const call = await start({ seed: DEMO_DOMAIN })
    const first = await call<PageDoc<UserDoc>>('GET', '/groups/analysts/users/?limit=3')
    expect(first.body.results.map((user) => user.username)).toEqual(['jane.smith', 'john.doe', 'maria.garcia'])
    const second = await call<PageDoc<UserDoc>>('GET', first.body.next!)
    expect(second.body).toMatchObject({ total_count: 4, next: null, results: [{ username: 'old.contractor' }] })
  })

  it.each([
    ['limit=1001', 'limit', 'Ensure this value is less than or equal to 1000.'],
    ['limit=-1', 'limit', 'Ensure this value is greater than or equal to 0.'],
    ['offset=two', 'offset', 'A valid integer is required.'],
  ])('%s is a validation error', async (query, field, message) => {
    const call = await start()
    const answer = await call('GET', `/groups/?${query}`)
    expect(answer).toMatchObject({
      status: 400,
      body: { error_code: 'validation_error', detail: { [field]: [message] } },
    })
  })
})

describe('paths', () => {
  it.each(['/users', '/users/admin', '/groups', '/groups/x/users', '/users/invite'])(
    '%s without its trailing slash is 404 not_found',
    async (path) => {
      const call = await start()
      expect(await call('GET', path)).toMatchObject({
        status: 404,
        body: { error_code: 'not_found', message: 'Not found.' },
      })
    },
  )

  it('fixed segments win over identifiers, and an unsupported method is 405', async () => {
    const call = await start()
    expect((await call('GET', '/users/invite/')).status).toBe(405)
    expect((await call('PATCH', '/users/admin/', {})).status).toBe(405)
    expect((await call('GET', `${emulator!.url}/api/automation/v2.0/users/`)).status).toBe(404)
  })
})

describe('API keys', () => {
  it.each(['apikey', 'Apikey', 'ApiKey', 'APIKEY'])('the scheme word %s is accepted', async (scheme) => {
    const call = await start()
    expect((await call('GET', '/users/', undefined, { authorization: `${scheme} ${DEFAULT_API_KEY}` })).status).toBe(
      200,
    )
  })

  it.each([
    ['no header', {}],
    ['a wrong key', { authorization: 'apikey not-the-key' }],
    ['another scheme', { authorization: `Bearer ${DEFAULT_API_KEY}` }],
  ])('%s is 401 unauthorized', async (_name, headers) => {
    const call = await start()
    const answer = await call<ErrorDoc>('GET', '/users/', undefined, { authorization: '', ...headers })
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ error_code: 'unauthorized' })
  })

  it('accepts ?apikey= and logs it, so tests can assert a client never sends its key in a URL', async () => {
    const call = await start()
    await call('GET', '/users/')
    const answer = await call('GET', `/users/?apikey=${DEFAULT_API_KEY}&limit=1`, undefined, { authorization: '' })
    expect(answer.status).toBe(200)
    const logged = requestsWithKeyInQuery(emulator!.requestLog)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      method: 'GET',
      path: '/api/automation/v1.0/users/',
      query: `apikey=${DEFAULT_API_KEY}&limit=1`,
    })
  })

  it('a header key wins over the query one, and a key stops working when its user leaves the domain', async () => {
    const call = await start({ seed: DEMO_DOMAIN, extraApiKeys: { 'jane-key': 'jane.smith' } })
    expect(
      (await call('GET', `/users/?apikey=${DEFAULT_API_KEY}`, undefined, { authorization: 'apikey wrong' })).status,
    ).toBe(401)
    expect((await call('GET', '/users/', undefined, { authorization: 'apikey jane-key' })).status).toBe(200)
    expect((await call('DELETE', '/users/jane.smith/')).status).toBe(204)
    expect((await call('GET', '/users/', undefined, { authorization: 'apikey jane-key' })).status).toBe(401)
  })
})

describe('shared plumbing', () => {
  it('an injected 500 carries a trace id, like the internal_error example of the description', async () => {
    const call = await start({ injectFault: ({ method }) => (method === 'DELETE' ? '500' : undefined) })
    const failed = await call<ErrorDoc>('DELETE', '/users/ods.support/')
    expect(failed.body).toMatchObject({ error_code: 'internal_error', message: 'A server error occurred.' })
    expect(failed.body.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(emulator!.state.users.has('ods.support')).toBe(true)
  })

  it('over the rate limit answers 429 with Retry-After', async () => {
    const call = await start({ rateLimit: 1 })
    // Three at once: even if a one-second window ends among them, two share a window.
    const answers = await Promise.all(Array.from({ length: 3 }, () => call('GET', '/users/')))
    const limited = answers.find((answer) => answer.status === 429)
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(limited?.body).toMatchObject({ error_code: 'too_many_requests' })
  })

  it('hostile answers: relative links, endless pages, and the shared shapes', async () => {
    const kinds: Record<string, HostileAnswer> = {
      '/api/automation/v1.0/users/': { kind: 'relative-links' },
      '/api/automation/v1.0/groups/': { kind: 'endless-pages' },
      '/api/automation/v1.0/users/admin/': { kind: 'html-200' },
    }
    const call = await start({ seed: { users: many(3) }, hostile: ({ path }) => kinds[path] })
    expect((await call<PageDoc<UserDoc>>('GET', '/users/?limit=2')).body.next).toBe(
      '/api/automation/v1.0/users/?limit=2&offset=2',
    )
    const endless = await call<PageDoc<{ uid: string }>>('GET', '/groups/?limit=5&offset=5')
    expect(endless.body).toMatchObject({
      total_count: null,
      next: `${emulator!.url}/api/automation/v1.0/groups/?limit=5&offset=10`,
    })
    expect(endless.body.results[0]!.uid).toBe('group_5')
    await expect(call('GET', '/users/admin/')).rejects.toThrow(SyntaxError)
    expect(emulator!.requestLog.map((entry) => entry.hostile)).toEqual(['relative-links', 'endless-pages', 'html-200'])
  })
})
