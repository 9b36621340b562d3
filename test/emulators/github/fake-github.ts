import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An issue or pull request comment as the fake keeps it. */
export interface FakeComment {
  id: number
  issueNumber: number
  body: string
  /** The login that wrote it. */
  author: string
}

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  pullRequest: boolean
  author: string
}

/** The login the workflow's token writes as; like GitHub, the fake answers its `GET /user` with 403. */
export const WORKFLOW_BOT = 'github-actions[bot]'

/** A request the fake answered, for assertions. */
export interface FakeRequest {
  readonly method: string
  readonly path: string
  readonly authorization: string | undefined
  readonly body: unknown
}

export interface FakeGitHubOptions {
  /** The workflow token: writes as github-actions[bot], and may not call `GET /user`. */
  token: string
  /** Other tokens (personal access tokens) and the login each answers `GET /user` with. */
  users?: Record<string, string>
  /** Pull requests associated with a pushed commit: number and head commit. */
  pullsForCommit?: Record<string, { number: number; headSha: string }[]>
  /** Repository files by commit, then path: what the contents API serves. */
  files?: Record<string, Record<string, string>>
  filler?: number
  issueNumber?: number
}

/**
 * A loopback stand-in for the few GitHub REST endpoints the action uses, with GitHub's paging
 * (Link headers), its 65,536-character body limit (422), token check (401), comment and issue
 * authors, `GET /user` (403 for the workflow token) and the contents API.
 */
export async function startFakeGitHub(options: FakeGitHubOptions) {
  const comments: FakeComment[] = []
  const issues: FakeIssue[] = []
  const requests: FakeRequest[] = []
  const logins: Record<string, string> = { [options.token]: WORKFLOW_BOT, ...options.users }
  let nextId = 1000
  // Comments by others, so that finding ours needs more than one page.
  for (let i = 0; i < (options.filler ?? 0); i++)
    comments.push({
      id: nextId++,
      issueNumber: options.issueNumber ?? 7,
      body: `unrelated comment ${i}`,
      author: 'someone',
    })
  if (options.issueNumber)
    issues.push({
      number: options.issueNumber,
      title: 'PR',
      body: '',
      state: 'open',
      pullRequest: true,
      author: 'someone',
    })
  let origin = ''

  const server = createServer((request, response) => void handle(request, response))
  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text ? JSON.parse(text) : undefined
    const url = new URL(request.url ?? '/', origin)
    requests.push({
      method: request.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: request.headers.authorization,
      body,
    })
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      response.end(payload === undefined ? '' : JSON.stringify(payload))
    }
    const token = /^(?:token|Bearer) (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const login = token === undefined ? undefined : logins[token]
    if (login === undefined) return send(401, { message: 'Bad credentials' })
    const tooLong = (value: unknown) => typeof value === 'string' && value.length > 65_536
    const invalid = () =>
      send(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
      })
    const path = url.pathname
    let match: RegExpExecArray | null
    if (path === '/user') {
      // The workflow token and a GitHub App's installation token may not ask who they are.
      if (login.endsWith('[bot]'))
        return send(403, { message: 'Resource not accessible by integration', status: '403' })
      return send(200, { login, id: 1, type: 'User' })
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path)) && request.method === 'GET') {
      const ref = url.searchParams.get('ref') ?? 'main'
      const file = options.files?.[ref]?.[decodeURIComponent(match[1]!)]
      if (file === undefined) return send(404, { message: 'Not Found' })
      const content = Buffer.from(file)
        .toString('base64')
        .replace(/(.{60})/g, '$1\n')
      return send(200, {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(file),
        name: match[1]!.split('/').at(-1),
        path: decodeURIComponent(match[1]!),
        content,
      })
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const issueNumber = Number(match[1])
      if (request.method === 'GET')
        return sendPage(url, send, comments.filter((comment) => comment.issueNumber === issueNumber).map(commentJson))
      if (tooLong(body?.body)) return invalid()
      const comment = { id: nextId++, issueNumber, body: String(body.body), author: login }
      comments.push(comment)
      return send(201, commentJson(comment))
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)) && request.method === 'PATCH') {
      const comment = comments.find((item) => item.id === Number(match![1]))
      if (!comment) return send(404, { message: 'Not Found' })
      if (tooLong(body?.body)) return invalid()
      // Like GitHub, a token with write access may edit anyone's comment: only the action's own check keeps it off others'.
      comment.body = String(body.body)
      return send(200, commentJson(comment))
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/.exec(path))) {
      return send(
        200,
        (options.pullsForCommit?.[match[1]!] ?? []).map(({ number, headSha }) => ({
          number,
          merged_at: '2026-11-22T10:00:00Z',
          merge_commit_sha: match![1],
          head: { sha: headSha },
        })),
      )
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      if (request.method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open'
        return sendPage(url, send, issues.filter((issue) => state === 'all' || issue.state === state).map(issueJson))
      }
      if (tooLong(body?.body)) return invalid()
      const issue: FakeIssue = {
        number: issues.length + 100,
        title: body.title,
        body: body.body,
        state: 'open',
        pullRequest: false,
        author: login,
      }
      issues.push(issue)
      return send(201, issueJson(issue))
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path)) && request.method === 'PATCH') {
      const issue = issues.find((item) => item.number === Number(match![1]))
      if (!issue) return send(404, { message: 'Not Found' })
      if (tooLong(body?.body)) return invalid()
      Object.assign(issue, {
        ...(body.title ? { title: body.title } : {}),
        ...(body.body ? { body: body.body } : {}),
        ...(body.state ? { state: body.state } : {}),
      })
      return send(200, issueJson(issue))
    }
    return send(404, { message: 'Not Found' })
  }

  function sendPage(
    url: URL,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    items: unknown[],
  ) {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30'))
    const page = Number(url.searchParams.get('page') ?? '1')
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (n: number, rel: string) => {
      const next = new URL(url)
      next.searchParams.set('page', String(n))
      return `<${next.toString()}>; rel="${rel}"`
    }
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : []
    send(200, slice, links.length > 0 ? { link: links.join(', ') } : {})
  }

  function issueJson(issue: FakeIssue) {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      user: userJson(issue.author),
      ...(issue.pullRequest ? { pull_request: { url: 'x' } } : {}),
    }
  }

  function commentJson(comment: FakeComment) {
    return { id: comment.id, body: comment.body, user: userJson(comment.author) }
  }

  function userJson(login: string) {
    return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    comments,
    issues,
    requests,
    /** A comment written by someone else, as anyone who can comment could. */
    addComment(issueNumber: number, body: string, author: string): FakeComment {
      const comment = { id: nextId++, issueNumber, body, author }
      comments.push(comment)
      return comment
    },
    /** An issue opened by someone else. */
    addIssue(title: string, body: string, author: string): FakeIssue {
      const issue: FakeIssue = { number: issues.length + 100, title, body, state: 'open', pullRequest: false, author }
      issues.push(issue)
      return issue
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
