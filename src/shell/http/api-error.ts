/** A request the API answered with an error, or that never got an answer. Carries no token. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number | undefined
  readonly method: string
  readonly path: string
  readonly traceId: string | undefined
  readonly title: string | undefined
  readonly detail: string | undefined
  readonly attempts: number

  constructor(fields: {
    status?: number
    method: string
    path: string
    traceId?: string | undefined
    title?: string | undefined
    detail?: string | undefined
    attempts: number
    cause?: unknown
  }) {
    const clean = { ...fields, title: singleLine(fields.title), detail: singleLine(fields.detail), traceId: singleLine(fields.traceId) }
    super(describe(clean), fields.cause === undefined ? undefined : { cause: fields.cause })
    this.status = fields.status
    this.method = fields.method
    this.path = fields.path
    this.traceId = clean.traceId
    this.title = clean.title
    this.detail = clean.detail
    this.attempts = fields.attempts
  }
}

/** Server text on one line: it ends up in logs, where a line break could start a workflow command. */
function singleLine(text: string | undefined): string | undefined {
  return text?.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
}

function describe(fields: ConstructorParameters<typeof ApiError>[0]): string {
  const outcome =
    fields.status === undefined
      ? `no answer (${fields.cause instanceof Error ? fields.cause.message : 'connection failed'})`
      : `${fields.status}${fields.title ? ` ${fields.title}` : ''}`
  const detail = fields.detail ? `: ${fields.detail}` : ''
  const trace = fields.traceId ? ` (trace id ${fields.traceId})` : ''
  const tries = fields.attempts > 1 ? ` after ${fields.attempts} attempts` : ''
  return `${fields.method} ${fields.path} → ${outcome}${detail}${trace}${tries}`
}
