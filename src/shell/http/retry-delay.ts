/** How many times a request is tried, and how long to wait between tries. */
export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 30_000 }

/**
 * Whether an answer is worth another try: a rate limit always, since the server did nothing; a
 * server error only when the request may be repeated (`Dialect.mayRepeat`), since it may have.
 */
export function isRetryableStatus(status: number, repeatable: boolean): boolean {
  if (status === 429) return true
  return repeatable && (status === 500 || status === 502 || status === 503 || status === 504)
}

/**
 * The wait before try `attempt + 1`: what the server asked for (Retry-After in seconds or as a
 * date, else X-RateLimit-Reset in seconds), or exponential backoff with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  headers: { retryAfter?: string | undefined; rateLimitReset?: string | undefined },
  random: () => number,
  now: number,
): number {
  const asked = parseRetryAfter(headers.retryAfter, now) ?? parseSeconds(headers.rateLimitReset)
  if (asked !== undefined) return Math.min(asked + Math.floor(random() * 100), policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2)
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const seconds = parseSeconds(value)
  if (seconds !== undefined) return seconds
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined
  return Math.round(Number(value) * 1000)
}
