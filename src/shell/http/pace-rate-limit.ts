/** What one answer said of the host's rate limit, as the headers read. */
export interface RateLimitHeaders {
  readonly remaining: string | undefined
  readonly reset: string | undefined
}

/** A place in line: the request's number among those sent to the host, and when it may go. */
export interface PacedSlot {
  readonly seq: number
  readonly at: number
}

/** A window further off than this is not one to pace over: an epoch time read as seconds, say. */
const MAX_RESET_MS = 10 * 60_000

/**
 * Paces the requests to one host by what its answers say of the rate limit (GoodData Cloud sends
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset`, seconds until the window resets, on every
 * answer: gooddata-cloud.md §2.12), so that the budget runs out at the reset, not in a 429.
 *
 * The freshest answer counts: its remaining budget less the requests given a place since it was
 * sent is what is left. While that is above `spreadBelow` requests go at once; below it they are
 * spread evenly over the time to the reset; with nothing left they wait for the reset. Where the
 * server sends no such headers nothing is paced.
 */
export class RateLimitPacer {
  private given = 0
  private latest: { readonly seq: number; readonly remaining: number; readonly resetAt: number } | undefined
  private nextAt = 0

  constructor(private readonly spreadBelow: number) {}

  /** Gives the next request its place: when it may be sent, `now` or later. */
  reserve(now: number): PacedSlot {
    const seq = ++this.given
    const latest = this.latest
    // No word from the server yet, or its window has ended: nothing is known of the budget.
    if (!latest || now >= latest.resetAt) return { seq, at: now }
    const left = latest.remaining - (seq - 1 - latest.seq)
    if (left <= 0) return { seq, at: latest.resetAt }
    if (left > this.spreadBelow) return { seq, at: now }
    const at = Math.max(now, this.nextAt)
    this.nextAt = at + (latest.resetAt - at) / left
    return { seq, at }
  }

  /** Takes in what the answer to the request in `slot`, sent at `sentAt`, said at `now`. */
  observe(slot: PacedSlot, sentAt: number, headers: RateLimitHeaders, now: number): void {
    const remaining = wholeNumber(headers.remaining)
    const resetMs = seconds(headers.reset)
    if (remaining === undefined || resetMs === undefined || resetMs > MAX_RESET_MS) return
    const latest = this.latest
    if (latest) {
      // Sent while the window last reported was open, answered after it ended: news of a window gone.
      if (latest.resetAt <= now && sentAt < latest.resetAt) return
      // Older than what is known of the same window.
      if (latest.resetAt > now && slot.seq < latest.seq) return
    }
    this.latest = { seq: slot.seq, remaining, resetAt: now + resetMs }
  }
}

function wholeNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined
}

function seconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : undefined
}
