import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shell/http/api-error.js'
import { HttpClient, type HttpClientOptions } from '../../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type Fault,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function emulatorWith(faults: Fault[], options: { latencyMs?: number } = {}): Promise<RunningEmulator> {
  const queue = [...faults]
  const emulator = await startGoodDataEmulator({ ...options, injectFault: () => queue.shift() })
  closers.push(() => emulator.close())
  return emulator
}

function clientFor(url: string, options: Partial<HttpClientOptions> = {}) {
  const delays: number[] = []
  const client = new HttpClient({
    host: url,
    dialect: goodDataCloudDialect(DEFAULT_TOKEN),
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 },
    ...options,
  })
  closers.push(() => client.close())
  return { client, delays }
}

const users = { method: 'GET', path: '/api/v1/entities/users' } as const

describe('HttpClient retries', () => {
  it('waits as long as a 429 asks (Retry-After) and then succeeds', async () => {
    const emulator = await emulatorWith(['429'])
    // A fixed clock: the wait is measured from when the 429 came, and a busy machine must not shorten it.
    const { client, delays } = clientFor(emulator.url, { now: () => 0 })
    const answer = await client.request(users)
    expect(answer).toMatchObject({ status: 200, attempts: 2 })
    expect(delays).toEqual([1_050])
    expect(emulator.requestLog.map((entry) => entry.status)).toEqual([429, 200])
  })

  it('holds every request to the host after a 429, not only the one that got it', async () => {
    const emulator = await emulatorWith(['429'])
    const { client, delays } = clientFor(emulator.url, { now: () => 0 })
    await client.request(users)
    await client.request(users)
    // Both waited out the server's Retry-After: the retry of the limited request, and the next request.
    expect(delays).toEqual([1_050, 1_050])
    expect(emulator.requestLog.map((entry) => entry.status)).toEqual([429, 200, 200])
  })

  it('retries 503 and dropped connections with exponential backoff', async () => {
    const emulator = await emulatorWith(['503', 'drop-before', '503'])
    const { client, delays } = clientFor(emulator.url)
    expect(await client.request(users)).toMatchObject({ status: 200, attempts: 4 })
    expect(delays).toEqual([75, 150, 300])
  })

  it('retries a 500 for a POST too', async () => {
    const post = await emulatorWith(['500'])
    const answer = await clientFor(post.url).client.request({
      method: 'POST',
      path: '/api/v1/entities/users',
      body: { data: { id: 'x', type: 'user' } },
    })
    expect(answer).toMatchObject({ status: 201, attempts: 2 })
    expect(post.requestLog.map((entry) => entry.status)).toEqual([500, 201])
  })

  it('does not retry a 400 or a 404', async () => {
    const emulator = await emulatorWith([])
    const { client } = clientFor(emulator.url)
    await expect(client.request({ method: 'GET', path: '/api/v1/entities/users/nobody' })).rejects.toMatchObject({
      status: 404,
      attempts: 1,
    })
    await expect(
      client.request({ method: 'POST', path: '/api/v1/entities/users', body: { data: { id: '.bad', type: 'user' } } }),
    ).rejects.toMatchObject({ status: 400, attempts: 1 })
    expect(emulator.requestLog.map((entry) => entry.status)).toEqual([404, 400])
  })

  it('gives up after the last attempt with an ApiError that says how many it made', async () => {
    const emulator = await emulatorWith(['503', '503', '503', '503', '503'])
    const error = (await clientFor(emulator.url)
      .client.request(users)
      .catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 503,
      method: 'GET',
      path: '/api/v1/entities/users',
      attempts: 4,
      title: 'Service Unavailable',
    })
    expect(error.traceId).toMatch(/^[0-9a-f]{16}$/)
    expect(error.message).toBe(
      `GET /api/v1/entities/users → 503 Service Unavailable: Service Unavailable (trace id ${error.traceId}) after 4 attempts`,
    )
    expect(emulator.requestLog).toHaveLength(4)
  })

  it('answers a status the caller expects instead of throwing', async () => {
    const emulator = await emulatorWith([])
    const answer = await clientFor(emulator.url).client.request({
      method: 'DELETE',
      path: '/api/v1/entities/users/nobody',
      expect: [404],
    })
    expect(answer).toMatchObject({ status: 404, attempts: 1 })
  })
})

describe('HttpClient errors never carry the token', () => {
  it('redacts the token, its base64 and URL-encoded forms, even when the server echoes them', async () => {
    const token = 'secret/token+value=='
    const server = createServer((request, response) => {
      response.writeHead(403, { 'content-type': 'application/problem+json' })
      const auth = request.headers.authorization ?? ''
      response.end(
        JSON.stringify({
          title: 'Forbidden',
          status: 403,
          detail: `bad ${auth} ${Buffer.from(token).toString('base64')} ${encodeURIComponent(token)}`,
        }),
      )
    })
    const url = await listen(server)
    const error = (await clientFor(url, { dialect: goodDataCloudDialect(token) })
      .client.request(users)
      .catch((caught: unknown) => caught)) as ApiError
    expect(error.status).toBe(403)
    for (const text of [error.message, error.detail ?? '', JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(Buffer.from(token).toString('base64'))
      expect(text).not.toContain(encodeURIComponent(token))
    }
    expect(error.detail).toBe('bad Bearer *** *** ***')
  })

  it('says "no answer" when nothing listens, without the token', async () => {
    const server = createServer()
    const url = await listen(server)
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const error = (await clientFor(url)
      .client.request(users)
      .catch((caught: unknown) => caught)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(/^GET \/api\/v1\/entities\/users → no answer \(ECONNREFUSED/)
    expect(error.message).not.toContain(DEFAULT_TOKEN)
  })
})

describe('HttpClient connections', () => {
  it('keeps at most `concurrency` requests in flight, over kept-alive connections', async () => {
    let inFlight = 0
    let most = 0
    let connections = 0
    const server = createServer((_request, response) => {
      inFlight++
      most = Math.max(most, inFlight)
      setTimeout(() => {
        inFlight--
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{}')
      }, 20)
    })
    server.on('connection', () => connections++)
    const url = await listen(server)
    const { client } = clientFor(url, { concurrency: 3 })
    await Promise.all(Array.from({ length: 24 }, () => client.request(users)))
    expect(most).toBe(3)
    expect(connections).toBe(3)
    await Promise.all(Array.from({ length: 24 }, () => client.request(users)))
    expect(connections).toBe(3)
  })

  it('sends the bearer token and the JSON:API media type', async () => {
    const seen: Record<string, string | undefined>[] = []
    const server = createServer((request, response) => {
      seen.push({
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        accept: request.headers.accept,
        url: request.url,
      })
      response.writeHead(201, { 'content-type': 'application/vnd.gooddata.api+json' })
      response.end('{}')
    })
    const url = await listen(server)
    await clientFor(`${url}/prefix/`).client.request({
      method: 'POST',
      path: '/api/v1/entities/users',
      query: { include: 'userGroups' },
      body: {},
    })
    expect(seen).toEqual([
      {
        authorization: `Bearer ${DEFAULT_TOKEN}`,
        contentType: 'application/vnd.gooddata.api+json',
        accept: expect.stringMatching(/^application\/vnd\.gooddata\.api\+json/),
        url: '/prefix/api/v1/entities/users?include=userGroups',
      },
    ])
  })
})

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
