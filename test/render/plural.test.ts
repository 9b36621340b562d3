import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { countOf, oneOrMany } from '../../src/core/render/plural.js'
import { describeApplyOutcome } from '../../src/core/render/render-apply.js'
import { renderPlanMarkdown } from '../../src/core/render/render-plan-markdown.js'
import { actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const context = { config: 'access', host: 'acme.example' }

/** `creates` users joining a new group, `deletes` users leaving the organization. */
function planOf(creates: number, deletes: number) {
  return computePlan(
    desiredState(
      Array.from({ length: creates }, (_, i) => desiredUser(`new-${i}`, { userGroups: ['g'] })),
      [desiredGroup('g')],
      { limits: { maxDeletionRatio: 1 } },
    ),
    actualState(
      Array.from({ length: deletes }, (_, i) => actualUser(`gone-${i}`)),
      [],
    ),
  )
}

describe('counts agree with their nouns', () => {
  it('says one in the singular and any other count in the plural', () => {
    expect([0, 1, 2].map((n) => countOf(n, 'entry', 'entries'))).toEqual(['0 entries', '1 entry', '2 entries'])
    expect([1, 2].map((n) => countOf(n, 'more user'))).toEqual(['1 more user', '2 more users'])
    expect([1, 3].map((n) => `check ${oneOrMany(n, 'it', 'them')}`)).toEqual(['check it', 'check them'])
  })

  it('in the plan comment: deletions, removals it could not list, users and rows it cut', () => {
    const one = planOf(1, 1)
    const two = planOf(2, 2)
    expect(renderPlanMarkdown(one, context)).toContain('> This plan **deletes 1** entry: <code>gone-0</code>.')
    expect(renderPlanMarkdown(two, context)).toContain('> This plan **deletes 2** entries: ')
    const cut = { maxRows: 0, maxRemovals: 0 }
    expect(renderPlanMarkdown(one, context, cut)).toContain('… **1 more that takes access away (')
    expect(renderPlanMarkdown(two, context, cut)).toContain('… **2 more that take access away (')
    expect(renderPlanMarkdown(one, context, cut)).toContain('… 1 more user not shown here;')
    expect(renderPlanMarkdown(two, context, cut)).toContain('… 2 more users not shown here;')
    expect(renderPlanMarkdown(one, context)).not.toContain('not shown</sub>')
    expect(renderPlanMarkdown(planOf(1, 0), context, { maxRows: 1 })).toContain(' · 1 row not shown</sub>')
    expect(renderPlanMarkdown(two, context, cut)).toContain(' · 3 rows not shown</sub>')
  })

  it('in the apply outcome: a change, and what a skipped change depends on', () => {
    expect(describeApplyOutcome({ applied: 0, failed: 0, skipped: 1 }, 1)).toBe(
      'applied 0 of 1 change; 1 skipped because a change it depends on failed; what succeeded is kept, and running apply again retries the rest',
    )
    expect(describeApplyOutcome({ applied: 1, failed: 1, skipped: 2 }, 4)).toContain(
      'applied 1 of 4 changes; 1 failed; 2 skipped because a change they depend on failed',
    )
  })
})
