import { describe, expect, it } from 'vitest'
import type { Change } from '../../src/core/model/change.js'
import { renderApplyMarkdown, renderApplyText, type ApplyEntry } from '../../src/core/render/render-apply.js'

const createGroup: Change = {
  action: 'create',
  kind: 'userGroup',
  id: 'finance-viewers',
  after: { name: 'Finance viewers', parents: [] },
}
const join: Change = { action: 'add-member', kind: 'user', id: 'ann', group: 'finance-viewers' }
const update: Change = {
  action: 'update',
  kind: 'user',
  id: 'bob',
  before: { id: 'bob', userGroups: [], unmanaged: {} },
  after: { userGroups: [], email: 'bob@example.com' },
}
const journal: ApplyEntry[] = [
  { change: update, outcome: 'applied' },
  {
    change: createGroup,
    outcome: 'failed',
    error: 'POST /api/v1/entities/userGroups → 400 Bad Request',
    status: 400,
    mayHaveApplied: false,
  },
  { change: join, outcome: 'skipped', because: ['userGroup:finance-viewers'] },
]
const counts = { applied: 1, failed: 1, skipped: 1 }

describe('the apply outcome, first and in words', () => {
  it('opens the summary with the outcome, then lists what failed or was skipped, open, before the full journal', () => {
    const markdown = renderApplyMarkdown(journal, counts, { config: 'access', host: 'acme.example' })
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('### ❌ Partly applied: <code>access</code> → acme.example')
    expect(markdown).toContain(
      '| create user group <code>finance-viewers</code> | ❌ POST /api/v1/entities/userGroups → 400 Bad Request |',
    )
    expect(markdown).toContain(
      '| add user <code>ann</code> to user group <code>finance-viewers</code> | ⏭️ skipped: it waits for create user group <code>finance-viewers</code>, which failed |',
    )
    expect(markdown.indexOf('⏭️ skipped')).toBeLessThan(
      markdown.indexOf('<details><summary>Journal: every change</summary>'),
    )
    expect(renderApplyMarkdown([journal[0]!], { applied: 1, failed: 0, skipped: 0 }).split('\n')[0]).toBe(
      '### ✅ Applied: user provisioning',
    )
  })

  it('says in the terminal what a skipped change waited for, not an internal key', () => {
    expect(renderApplyText(journal, counts)).toContain(
      '  ↷ add user ann to user group finance-viewers: skipped, it waits for create user group finance-viewers, which failed',
    )
  })
})
