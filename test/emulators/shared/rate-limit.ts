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

  /**
   * The window's budget at `now`, after the requests it has counted: what a server that announces
   * it (GoodData Cloud) sends with every answer it lets through; the reset to the millisecond.
   */
  budget(now: number): Readonly<Record<string, string>> {
    const second = Math.floor(now / 1000)
    const used = this.window.second === second ? this.window.count : 0
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - used)),
      'x-ratelimit-reset': (((second + 1) * 1000 - now) / 1000).toFixed(3),
    }
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
