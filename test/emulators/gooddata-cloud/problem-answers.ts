import type { RouteAnswer } from '../shared/route-answer.js'

const NOT_FOUND_DETAIL = 'The requested endpoint does not exist or you do not have permission to access it.'
const TITLES: Readonly<Record<number, string>> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' }

/** GoodData's 404: the same text whether the thing is missing or the caller may not see it. */
export const notFound = (): RouteAnswer => ({ status: 404, body: { detail: NOT_FOUND_DETAIL, title: 'Not Found' } })

/** A refused request: the status, its title, and a detail naming what was wrong. */
export const rejected = (status: 400 | 409, detail: string): RouteAnswer => ({
  status,
  body: { detail, title: TITLES[status] },
})

/** A request the emulator refuses; routes catch it and answer `rejected`. */
export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly detail: string,
  ) {
    super(detail)
  }
}

/** Runs a route, answering a RequestRejected it throws. */
export function answerRejections(route: () => RouteAnswer): RouteAnswer {
  try {
    return route()
  } catch (error) {
    if (error instanceof RequestRejected) return rejected(error.status, error.detail)
    throw error
  }
}
