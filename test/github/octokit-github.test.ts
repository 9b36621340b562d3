import { afterEach, describe, expect, it } from 'vitest'
import { hiddenMarker } from '../../src/core/render/escape-markdown.js'
import { GitHubError } from '../../src/shell/github/github-error.js'
import { createOctokitGitHub } from '../../src/shell/github/octokit-github.js'
import { startFakeGitHub, WORKFLOW_BOT } from '../emulators/github/fake-github.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setUp(filler = 0, options: { token?: string; author?: string; warnings?: string[] } = {}) {
  const github = await startFakeGitHub({
    token: 'gh-token',
    users: { 'pat-token': 'provisioning-bot', 'app-token': 'my-app[bot]' },
    issueNumber: 7,
    filler,
    files: { base1: { 'access/provisioning.yaml': 'target:\n  host: https://h\n' } },
  })
  closers.push(github.close)
  const port = createOctokitGitHub(
    options.token ?? 'gh-token',
    { owner: 'acme', repo: 'access' },
    {
      apiUrl: github.url,
      ...(options.author ? { author: options.author } : {}),
      onWarning: (line) => options.warnings?.push(line),
    },
  )
  return { github, port }
}

const key = { config: 'access', host: 'https://h' }
const body = (text: string) => `${hiddenMarker({ ...key, hash: 'x' })}\n${text}`

describe('the sticky comment over Octokit', () => {
  it('finds its comment among more than a page of others and updates it in place', async () => {
    const { github, port } = await setUp(230)
    expect(await port.upsertComment(7, key, () => body('first'))).toBe('created')
    expect(await port.upsertComment(7, key, () => body('second'))).toBe('updated')
    expect(github.comments.filter((comment) => comment.body.includes('user-provisioning-action'))).toEqual([
      expect.objectContaining({ body: body('second') }),
    ])
    expect(await port.readComment(7, key)).toBe(body('second'))
    expect(
      github.requests.filter((request) => request.method === 'GET' && request.path.includes('page=3')).length,
    ).toBeGreaterThan(0)
  })

  it('shrinks the body and tries again when GitHub refuses it as too long', async () => {
    const { github, port } = await setUp()
    const limits: number[] = []
    const render = (limit: number) => (limits.push(limit), body('x'.repeat(limit === 60_000 ? 70_000 : limit - 100)))
    expect(await port.upsertComment(7, key, render)).toBe('created')
    expect(limits).toEqual([60_000, 40_000])
    expect(
      github.requests
        .filter((request) => request.method === 'POST')
        .map((request) => String((request.body as { body: string }).body.length > 65_536)),
    ).toEqual(['true', 'false'])
  })

  it('treats a comment made before the host was known as the same comment', async () => {
    const { github, port } = await setUp()
    await port.upsertComment(
      7,
      { config: 'access', host: '' },
      () => `${hiddenMarker({ config: 'access', host: '' })}\nproblems`,
    )
    expect(await port.upsertComment(7, key, () => body('plan'))).toBe('updated')
    expect(github.comments).toHaveLength(1)
  })

  it('keeps one comment per config on a pull request when the host it was planned against changes', async () => {
    const { github, port } = await setUp()
    await port.upsertComment(7, key, () => body('planned against h'))
    const moved = { config: 'access', host: 'https://other' }
    expect(
      await port.upsertComment(7, moved, () => `${hiddenMarker({ ...moved, hash: 'y' })}\nplanned against other`),
    ).toBe('updated')
    expect(github.comments).toHaveLength(1)
    expect(github.comments[0]?.body).toContain('planned against other')
  })

  it('opens one drift issue, updates it, and closes it', async () => {
    const { github, port } = await setUp()
    expect(await port.upsertIssue(key, 'Drift', body('a'))).toEqual({ number: 101, action: 'created' })
    expect(await port.upsertIssue(key, 'Drift', body('b'))).toEqual({ number: 101, action: 'updated' })
    expect(await port.closeIssue(key, 'gone')).toBe(true)
    expect(await port.closeIssue(key, 'gone')).toBe(false)
    expect(github.issues.find((issue) => issue.number === 101)).toMatchObject({ state: 'closed', body: body('b') })
  })

  it('counts a marked comment as ours only when our identity wrote it: a copied marker is left untouched', async () => {
    const { github, port } = await setUp()
    const forged = github.addComment(7, body('forged by a commenter'), 'mallory')
    expect(await port.readComment(7, key)).toBeUndefined()
    expect(await port.upsertComment(7, key, () => body('ours'))).toBe('created')
    expect(forged.body).toBe(body('forged by a commenter'))
    expect(github.comments.filter((comment) => comment.author === WORKFLOW_BOT).map((comment) => comment.body)).toEqual(
      [body('ours')],
    )
    expect(github.requests.filter((request) => request.method === 'PATCH')).toEqual([])
    expect(await port.author()).toBe(WORKFLOW_BOT)
  })

  it('knows a personal token by GET /user, and a GitHub App by the comment-author input', async () => {
    const pat = await setUp(0, { token: 'pat-token' })
    pat.github.addComment(7, body('by the workflow token'), WORKFLOW_BOT)
    expect(await pat.port.author()).toBe('provisioning-bot')
    expect(await pat.port.upsertComment(7, key, () => body('ours'))).toBe('created')
    expect(pat.github.comments.map((comment) => [comment.author, comment.body])).toEqual([
      [WORKFLOW_BOT, body('by the workflow token')],
      ['provisioning-bot', body('ours')],
    ])
    const app = await setUp(0, { author: 'my-app[bot]' })
    expect(await app.port.author()).toBe('my-app[bot]')
    expect(app.github.requests.some((request) => request.path === '/user')).toBe(false)
  })

  it('says to set comment-author when a GitHub App token writes under a login it was not told', async () => {
    const warnings: string[] = []
    const unnamed = await setUp(0, { token: 'app-token', warnings })
    expect(await unnamed.port.upsertComment(7, key, () => body('ours'))).toBe('created')
    expect(warnings).toEqual([
      `GitHub shows this action's comments as written by my-app[bot], but it looks for ones by ${WORKFLOW_BOT}, so it cannot find them again; set the comment-author input to my-app[bot]`,
    ])
    const named = await setUp(0, { token: 'app-token', author: 'my-app[bot]', warnings })
    expect(await named.port.upsertComment(7, key, () => body('first'))).toBe('created')
    expect(await named.port.upsertComment(7, key, () => body('second'))).toBe('updated')
    expect(warnings).toHaveLength(1)
  })

  it('never updates or closes an issue with our marker that someone else opened', async () => {
    const { github, port } = await setUp()
    const forged = github.addIssue('Drift?', body('forged'), 'mallory')
    expect(await port.closeIssue(key, 'gone')).toBe(false)
    expect(await port.upsertIssue(key, 'Drift', body('ours'))).toMatchObject({ action: 'created' })
    expect(forged).toMatchObject({ title: 'Drift?', body: body('forged'), state: 'open' })
  })

  it('reads a file at a commit through the contents API, and answers undefined where there is none', async () => {
    const { port } = await setUp()
    expect(await port.readFileAt('access/provisioning.yaml', 'base1')).toBe('target:\n  host: https://h\n')
    expect(await port.readFileAt('access/provisioning.yml', 'base1')).toBeUndefined()
    expect(await port.readFileAt('access/provisioning.yaml', 'other')).toBeUndefined()
  })

  it('turns every refusal into a GitHubError that names the operation, never a bare Octokit error', async () => {
    const { port } = await setUp(0, { token: 'not-a-token' })
    const error = await port.upsertIssue(key, 'Drift', body('x')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GitHubError)
    expect((error as GitHubError).status).toBe(401)
    expect((error as Error).message).toMatch(
      /^GitHub: opening or updating the drift issue failed \(401\): Bad credentials/,
    )
  })
})
