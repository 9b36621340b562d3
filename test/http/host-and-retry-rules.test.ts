import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { normalizeHost } from '../../src/shell/http/normalize-host.js'
import { isRetryableStatus, retryDelayMs } from '../../src/shell/http/retry-delay.js'
import { UsageError } from '../../src/shell/usage-error.js'

describe('normalizeHost', () => {
  it.each([
    ['analytics.example.com', 'https://analytics.example.com'],
    ['analytics.example.com/', 'https://analytics.example.com'],
    ['https://analytics.example.com///', 'https://analytics.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['  HTTPS://Example.com:8443/gooddata/ ', 'https://example.com:8443/gooddata'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected)
  })

  it.each([
    'ftp://example.com',
    'https://user:pass@example.com',
    'https://example.com/?a=1',
    'http://exa mple.com',
    'ht!tp://foo',
    'https:\\\\evil.example',
    'https:evil.example',
  ])('refuses %s with a UsageError', (input) => {
    expect(() => normalizeHost(input)).toThrow(UsageError)
  })

  it.each([
    'http://analytics.example.com',
    'http://10.0.0.5:3000',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
  ])('refuses plain http:// to %s, which is not loopback, and says to use https://', (input) => {
    expect(() => normalizeHost(input)).toThrow(
      /uses plain http:\/\/, which would send the token in clear text; use https:\/\//,
    )
  })

  it.each([
    'https://admin:hunter2@example.com',
    'ht!tp://admin:hunter2@example.com',
    'https://admin:hunter2@exa mple.com',
    'admin:hunter2@example.com/?x',
    'https://admin:hunter2/x@example.com',
    'https://admin:p@ss@example.com:99999',
    'https://example.com/?api_key=hunter2',
    'https://example.com/#admin=hunter2',
  ])('never echoes the user or password of %s', (input) => {
    let message = ''
    try {
      normalizeHost(input)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toBe('')
    expect(message).not.toContain('hunter2')
    expect(message).not.toContain('admin')
  })
})

describe('retry rules', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 10_000 }

  it('retries rate limits always, server errors when the request may be repeated, other 4xx never', () => {
    expect([429, 500, 502, 503, 504].every((status) => isRetryableStatus(status, true))).toBe(true)
    expect([500, 502, 503, 504].some((status) => isRetryableStatus(status, false))).toBe(false)
    expect(isRetryableStatus(429, false)).toBe(true)
    expect(isRetryableStatus(501, true)).toBe(false)
    expect([400, 401, 403, 404, 409, 422].some((status) => isRetryableStatus(status, true))).toBe(false)
  })

  it('honours Retry-After seconds and dates, then X-RateLimit-Reset, capped', () => {
    const now = Date.parse('2026-11-22T10:00:00Z')
    expect(retryDelayMs(1, policy, { retryAfter: '2' }, () => 0, now)).toBe(2_000)
    expect(retryDelayMs(1, policy, { retryAfter: 'Sun, 22 Nov 2026 10:00:03 GMT' }, () => 0, now)).toBe(3_000)
    expect(retryDelayMs(1, policy, { rateLimitReset: '4' }, () => 0, now)).toBe(4_000)
    expect(retryDelayMs(1, policy, { retryAfter: '3600' }, () => 0, now)).toBe(10_000)
  })

  it('backs off exponentially with jitter between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, {}, () => 0, 0))).toEqual([100, 200, 400, 800])
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, {}, () => 0.999, 0))).toEqual([
      199, 399, 799, 1599,
    ])
    expect(retryDelayMs(20, policy, {}, () => 0.999, 0)).toBe(9_995)
  })
})

describe('the test guard', () => {
  it('refuses connections to anything but loopback before they are made', () => {
    // Hosts that resolve nowhere, so even a broken guard would send nothing off this machine.
    for (const host of ['example.invalid', 'no-such-host.invalid']) {
      expect(() => net.connect({ host, port: 443 })).toThrow(/tests may only connect to loopback/)
      expect(() => new net.Socket().connect(443, host)).toThrow(/tests may only connect to loopback/)
    }
  })
})
