/** The headers of a 429 answer. */
export type RateLimitHeaders = Readonly<Record<RateLimitHeader, string>>

type RateLimitHeader = 'retry-after' | 'x-ratelimit-limit' | 'x-ratelimit-remaining' | 'x-ratelimit-reset'

/** Requests per second in fixed one-second windows; every request counts, refused ones too. */
export class FixedWindowRateLimit {
  private window = { second: -1, count: 0 }

  constructor(private readonly limit: number) {}

  /** Counts a request arriving at `now` (ms); answers the 429 headers when it is over the limit. */
  take(now: number): RateLimitHeaders | undefined {
    const second = Math.floor(now / 1000)
    this.window = { second, count: this.window.second === second ? this.window.count + 1 : 1 }
    if (this.window.count <= this.limit) return undefined
    const msToNextWindow = (second + 1) * 1000 - now
    const reset = String(Math.ceil(Math.max(1, Math.ceil(msToNextWindow) / 1000)))
    return rateLimitHeaders(this.limit, reset)
  }
}

/** The headers of an injected 429: retry after one second. */
export function injectedRateLimitHeaders(limit: number | undefined): RateLimitHeaders {
  return rateLimitHeaders(limit ?? 0, '1')
}

function rateLimitHeaders(limit: number, reset: string): RateLimitHeaders {
  const limitHeaders = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
  return { 'retry-after': reset, ...limitHeaders }
}
