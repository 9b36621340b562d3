import { afterEach, describe, expect, it } from 'vitest'
import { UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { MAX_PAGES, PAGE_SIZE, readAllPages } from '../../src/shell/targets/gooddata-cloud/read-all-pages.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'
import { organization } from '../support/scenario.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function setUp(options: EmulatorOptions) {
  const emulator: RunningEmulator = await startGoodDataEmulator(options)
  const client = new HttpClient({
    host: emulator.url,
    dialect: goodDataCloudDialect(DEFAULT_TOKEN),
    sleep: async () => {},
  })
  closers.push(
    () => emulator.close(),
    () => client.close(),
  )
  const pages = () => emulator.requestLog.map((entry) => new URLSearchParams(entry.query).get('page'))
  return { emulator, client, pages }
}

describe('readAllPages', () => {
  it('reads 2,000 pages (1,000,000 entities) at most', () => {
    expect(MAX_PAGES * PAGE_SIZE).toBe(1_000_000)
  })

  it('refuses a list without a count that is still full after maxPages pages of new ids', async () => {
    const { client, pages } = await setUp({ hostile: () => ({ kind: 'endless-new-pages' }) })
    const error = await readAllPages(client, 'users', { include: 'userGroups', maxPages: 5 }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect((error as Error).message).toBe(
      'GET /api/v1/entities/users → answer not as the API describes: still full pages after 5 pages (2,500 entities), the most this reads',
    )
    expect(pages()).toEqual(['0', '1', '2', '3', '4'])
  })

  it('stops at a page that adds no new id, however full', async () => {
    const { client, pages } = await setUp({ hostile: () => ({ kind: 'endless-pages' }) })
    const groups = await readAllPages(client, 'userGroups', { include: 'parents' })
    expect(groups.map((group) => group.id).slice(0, 2)).toEqual(['same-0', 'same-1'])
    expect(groups).toHaveLength(PAGE_SIZE)
    expect(pages()).toEqual(['0', '1'])
  })

  it('takes the page count from totalElements when totalPages is missing', async () => {
    const users = Array.from({ length: 999 }, (_, i) => ({
      id: `u${String(i).padStart(4, '0')}`,
      attributes: {},
      userGroups: [],
    }))
    const { client, pages } = await setUp({
      seed: organization({ users }),
      hostile: () => ({ kind: 'page-meta', page: { totalElements: 1_000 } }),
    })
    expect(await readAllPages(client, 'users', { include: 'userGroups' })).toHaveLength(1_000)
    // Two full pages and no third: without a count, a full last page would need an empty one after it.
    expect(pages()).toEqual(['0', '1'])
  })

  it('stops when its signal aborts, with nothing left in flight', async () => {
    const { emulator, client } = await setUp({ latencyMs: 2_000 })
    const controller = new AbortController()
    const reading = readAllPages(client, 'users', { include: 'userGroups', signal: controller.signal }).catch(
      (caught: unknown) => caught,
    )
    controller.abort()
    expect(((await reading) as Error).message).toBe('GET /api/v1/entities/users → no answer (cancelled)')
    expect(emulator.requestLog).toEqual([])
  })
})
