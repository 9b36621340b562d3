import { afterEach, describe, expect, it } from 'vitest'
import { hiddenMarker } from '../../src/core/render/escape-markdown.js'
import { createOctokitGitHub } from '../../src/shell/github/octokit-github.js'
import { startFakeGitHub } from '../emulators/github/fake-github.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setUp(filler = 0) {
  const github = await startFakeGitHub({ token: 'gh-token', issueNumber: 7, filler })
  closers.push(github.close)
  return { github, port: createOctokitGitHub('gh-token', { owner: 'acme', repo: 'access' }, github.url) }
}

const key = { config: 'access', host: 'https://h' }
const body = (text: string) => `${hiddenMarker({ ...key, hash: 'x' })}\n${text}`

describe('the sticky comment over Octokit', () => {
  it('finds its comment among more than a page of others and updates it in place', async () => {
    const { github, port } = await setUp(230)
    expect(await port.upsertComment(7, key, () => body('first'))).toBe('created')
    expect(await port.upsertComment(7, key, () => body('second'))).toBe('updated')
    expect(github.comments.filter((comment) => comment.body.includes('user-provisioning-action'))).toEqual([expect.objectContaining({ body: body('second') })])
    expect(await port.readComment(7, key)).toBe(body('second'))
    expect(github.requests.filter((request) => request.method === 'GET' && request.path.includes('page=3')).length).toBeGreaterThan(0)
  })

  it('shrinks the body and tries again when GitHub refuses it as too long', async () => {
    const { github, port } = await setUp()
    const limits: number[] = []
    const render = (limit: number) => (limits.push(limit), body('x'.repeat(limit === 60_000 ? 70_000 : limit - 100)))
    expect(await port.upsertComment(7, key, render)).toBe('created')
    expect(limits).toEqual([60_000, 40_000])
    expect(github.requests.filter((request) => request.method === 'POST').map((request) => String((request.body as { body: string }).body.length > 65_536))).toEqual(['true', 'false'])
  })

  it('treats a comment made before the host was known as the same comment', async () => {
    const { github, port } = await setUp()
    await port.upsertComment(7, { config: 'access', host: '' }, () => `${hiddenMarker({ config: 'access', host: '' })}\nproblems`)
    expect(await port.upsertComment(7, key, () => body('plan'))).toBe('updated')
    expect(github.comments).toHaveLength(1)
  })

  it('opens one drift issue, updates it, and closes it', async () => {
    const { github, port } = await setUp()
    expect(await port.upsertIssue(key, 'Drift', body('a'))).toEqual({ number: 101, action: 'created' })
    expect(await port.upsertIssue(key, 'Drift', body('b'))).toEqual({ number: 101, action: 'updated' })
    expect(await port.closeIssue(key, 'gone')).toBe(true)
    expect(await port.closeIssue(key, 'gone')).toBe(false)
    expect(github.issues.find((issue) => issue.number === 101)).toMatchObject({ state: 'closed', body: body('b') })
  })
})
