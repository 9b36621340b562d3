/** What a route answers: a status and a JSON body (none for 204/302). */
export interface RouteAnswer {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Record<string, string>
  /** Set when the target's usual content type for this status and path does not apply. */
  readonly contentType?: string
}
