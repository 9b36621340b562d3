interface ApiErrorFields {
  status?: number
  method: string
  path: string
  traceId?: string | undefined
  title?: string | undefined
  detail?: string | undefined
  attempts: number
  cause?: unknown
}

/** A request the API answered with an error, or that never got an answer. Carries no token. */
export class ApiError extends Error {
  override readonly name: string = 'ApiError'
  readonly status: number | undefined
  readonly method: string
  readonly path: string
  readonly traceId: string | undefined
  readonly title: string | undefined
  readonly detail: string | undefined
  readonly attempts: number

  /** `outcome` replaces the status in the message, for answers whose status is not the problem. */
  constructor(fields: ApiErrorFields, outcome?: string) {
    const clean = {
      ...fields,
      title: singleLine(fields.title),
      detail: singleLine(fields.detail),
      traceId: singleLine(fields.traceId),
    }
    super(describe(clean, singleLine(outcome)), fields.cause === undefined ? undefined : { cause: fields.cause })
    this.status = fields.status
    this.method = fields.method
    this.path = fields.path
    this.traceId = clean.traceId
    this.title = clean.title
    this.detail = clean.detail
    this.attempts = fields.attempts
  }
}

/**
 * An answer that is not what the API describes: not JSON, the wrong shape, too large, more pages
 * than anyone has. `problem` says what was wrong, for people; match on the type, never on it.
 */
export class UnexpectedAnswerError extends ApiError {
  override readonly name: string = 'UnexpectedAnswerError'
  readonly problem: string

  constructor(fields: Omit<ApiErrorFields, 'title' | 'detail' | 'attempts'> & { problem: string; attempts?: number }) {
    super({ ...fields, attempts: fields.attempts ?? 1 }, `answer not as the API describes: ${fields.problem}`)
    this.problem = singleLine(fields.problem)!
  }
}

/** Server text on one line: it ends up in logs, where a line break could start a workflow command. */
function singleLine<T extends string | undefined>(text: T): T {
  return text?.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ') as T
}

function describe(fields: ApiErrorFields, outcome: string | undefined): string {
  const reached =
    outcome ??
    (fields.status === undefined
      ? `no answer (${fields.cause instanceof Error ? fields.cause.message : 'connection failed'})`
      : `${fields.status}${fields.title ? ` ${fields.title}` : ''}`)
  const detail = fields.detail ? `: ${fields.detail}` : ''
  const trace = fields.traceId ? ` (trace id ${fields.traceId})` : ''
  const tries = fields.attempts > 1 ? ` after ${fields.attempts} attempts` : ''
  return `${fields.method} ${fields.path} → ${reached}${detail}${trace}${tries}`
}
