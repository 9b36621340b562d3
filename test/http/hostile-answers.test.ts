import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ApiError, UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import { HttpClient, type HttpClientOptions } from '../../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import type { HostileAnswer } from '../emulators/gooddata-cloud/hostile-answers.js'
import {
  DEFAULT_TOKEN,
  startGoodDataEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulators/gooddata-cloud/server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

const users = { method: 'GET', path: '/api/v1/entities/users' } as const
const MB = 1024 * 1024

async function setUp(options: EmulatorOptions, client: Partial<HttpClientOptions> = {}) {
  const emulator: RunningEmulator = await startGoodDataEmulator(options)
  const retries: string[] = []
  const http = new HttpClient({
    host: emulator.url,
    dialect: goodDataCloudDialect(DEFAULT_TOKEN),
    sleep: async () => {},
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    onRetry: ({ method, path, reason }) => void retries.push(`${method} ${path} ${reason}`),
    ...client,
  })
  closers.push(
    () => emulator.close(),
    () => http.close(),
  )
  return { emulator, http, retries }
}

const realSleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined)
const always = (hostile: HostileAnswer) => () => hostile
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ApiError,
  )

describe('HttpClient reads at most maxResponseBytes of an answer', () => {
  it('stops reading a 1 GB body at 32 MB and does not try again', async () => {
    const { emulator, http, retries } = await setUp({ hostile: always({ kind: 'oversized-body', bytes: 1024 * MB }) })
    const error = await failure(http.request(users))
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(error!.message).toBe(
      `GET /api/v1/entities/users → answer not as the API describes: the body is larger than 32 MB, the most this reads (trace id ${error!.traceId})`,
    )
    expect(error).toMatchObject({ status: 200, attempts: 1 })
    expect(retries).toEqual([])
    await vi.waitFor(() => expect(emulator.requestLog[0]?.responseBytes).toBeDefined())
    expect(emulator.requestLog).toHaveLength(1)
    // What the server got to write: the cap, plus what socket buffers took before the client hung up.
    expect(emulator.requestLog[0]!.responseBytes).toBeLessThan(64 * MB)
  })

  it('refuses a body whose declared length is over the cap before reading it', async () => {
    const { emulator, http } = await setUp(
      { hostile: always({ kind: 'oversized-body', bytes: 5_000, declareLength: true }) },
      { maxResponseBytes: 4_096 },
    )
    const error = await failure(http.request(users))
    expect(error!.message).toBe(
      `GET /api/v1/entities/users → answer not as the API describes: the body is larger than 4096 bytes, the most this reads (trace id ${error!.traceId})`,
    )
    expect(emulator.requestLog).toHaveLength(1)
  })

  it('reads a body of exactly the cap', async () => {
    const { emulator, http } = await setUp(
      { hostile: always({ kind: 'oversized-body', bytes: 4_096 }) },
      { maxResponseBytes: 4_096 },
    )
    // Read in full, then refused for what it is: JSON cut short, not too large.
    const error = await failure(http.request(users))
    expect((error as UnexpectedAnswerError).problem).toBe('the body is not valid JSON')
    expect(emulator.requestLog).toHaveLength(1)
  })
})

describe('HttpClient refuses a 2xx answer that is not JSON, once', () => {
  it.each([
    [{ kind: 'malformed-json' } as const, 'the body is not valid JSON'],
    [{ kind: 'html-200' } as const, 'content type "text/html; charset=utf-8" where JSON was expected'],
    [{ kind: 'wrong-content-type' } as const, 'content type "text/plain" where JSON was expected'],
  ])('%j', async (hostile, problem) => {
    const { emulator, http, retries } = await setUp({ hostile: always(hostile) })
    const error = await failure(http.request(users))
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(error!.message).toBe(
      `GET /api/v1/entities/users → answer not as the API describes: ${problem} (trace id ${error!.traceId})`,
    )
    expect(error!.traceId).toMatch(/^[0-9a-f]{16}$/)
    expect(emulator.requestLog).toHaveLength(1)
    expect(retries).toEqual([])
  })
})

describe('HttpClient never prints the token a server echoes in X-GDC-TRACE-ID', () => {
  const forms = [
    DEFAULT_TOKEN,
    Buffer.from(DEFAULT_TOKEN).toString('base64'),
    encodeURIComponent(DEFAULT_TOKEN),
    'admin:bootstrap:admin123',
  ]
  const expectNoToken = (error: ApiError | undefined) => {
    for (const text of [error!.message, error!.traceId ?? '', JSON.stringify(error), String(error!.stack)]) {
      for (const form of forms) expect(text).not.toContain(form)
    }
  }

  it('in a problem answer (header and body), retried until the last attempt', async () => {
    const { emulator, http } = await setUp({ echoTokenInTraceId: true, injectFault: () => '503' })
    const error = await failure(http.request(users))
    expect(error!.message).toBe(
      'GET /api/v1/entities/users → 503 Service Unavailable: Service Unavailable (trace id *** *** ***) after 4 attempts',
    )
    expect(emulator.requestLog).toHaveLength(4)
    expectNoToken(error)
  })

  it('in an answer not as the API describes (header only)', async () => {
    const { http } = await setUp({ echoTokenInTraceId: true, hostile: always({ kind: 'html-200' }) })
    const error = await failure(http.request(users))
    expect(error!.message).toBe(
      'GET /api/v1/entities/users → answer not as the API describes: content type "text/html; charset=utf-8" where JSON was expected (trace id *** *** ***)',
    )
    expectNoToken(error)
  })

  it('in a successful answer', async () => {
    const { http } = await setUp({ echoTokenInTraceId: true })
    expect((await http.request(users)).traceId).toBe('*** *** ***')
  })
})

describe('HttpClient after close()', () => {
  it('cancels what is in flight and sends nothing more, without retrying', async () => {
    const { emulator, http, retries } = await setUp({ latencyMs: 2_000 })
    const pending = failure(http.request(users))
    // The emulator logs a request when it answers: this one is still being answered.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(emulator.requestLog).toHaveLength(0)
    const started = Date.now()
    await http.close()
    const error = await pending
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(error!.message).toBe('GET /api/v1/entities/users → no answer (cancelled)')
    expect(await failure(http.request(users))).toMatchObject({
      message: 'GET /api/v1/entities/users → no answer (cancelled)',
      attempts: 1,
    })
    expect(retries).toEqual([])
  })

  it('stops a request waiting out a retry delay', async () => {
    const minute = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 60_000 }
    const { emulator, http, retries } = await setUp(
      { injectFault: () => '503' },
      { sleep: realSleep, random: () => 1, retry: minute },
    )
    const started = Date.now()
    const pending = failure(http.request(users))
    await vi.waitFor(() => expect(retries).toHaveLength(1))
    await http.close()
    expect((await pending)!.message).toBe('GET /api/v1/entities/users → no answer (cancelled)')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(emulator.requestLog).toHaveLength(1)
  })
})
