import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changeEffect } from '../../src/core/model/change.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { codeMarkdown } from '../../src/core/render/escape-markdown.js'
import { renderPlanComment } from '../../src/core/render/render-plan-markdown.js'
import { OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? '60')
const LIMITS = [60_000, 30_000, 15_000, 8_000]
const context = { config: 'access', host: 'https://acme.example' }

/** An organization with users to create, update, delete and take out of groups, in random numbers and with ids of random length. */
const organization = fc.record({
  creates: fc.nat({ max: 600 }),
  updates: fc.nat({ max: 300 }),
  deletes: fc.integer({ min: 1, max: 120 }),
  leaves: fc.nat({ max: 60 }),
  idLength: fc.integer({ min: 3, max: 60 }),
})

function planOf({
  creates,
  updates,
  deletes,
  leaves,
  idLength,
}: {
  creates: number
  updates: number
  deletes: number
  leaves: number
  idLength: number
}) {
  const id = (kind: string, i: number) => `${kind}-${String(i).padStart(idLength, '0')}`
  const email = (user: string) => ({ email: `${user}@example.com` })
  const desired = desiredState(
    [
      ...Array.from({ length: creates }, (_, i) =>
        desiredUser(id('new', i), { ...email(id('new', i)), firstname: 'A name to take room' }),
      ),
      ...Array.from({ length: updates }, (_, i) => desiredUser(id('kept', i), { email: `changed-${i}@example.com` })),
      ...Array.from({ length: leaves }, (_, i) => desiredUser(id('leaver', i), email(id('leaver', i)))),
    ],
    [desiredGroup('team')],
    { target: { type: 'opendatasoft' }, limits: { maxDeletionRatio: 1 } },
  )
  const actual = actualState(
    [
      ...Array.from({ length: updates }, (_, i) => actualUser(id('kept', i), { email: `old-${i}@example.com` })),
      ...Array.from({ length: leaves }, (_, i) =>
        actualUser(id('leaver', i), { ...email(id('leaver', i)), userGroups: ['team'] }),
      ),
      ...Array.from({ length: deletes }, (_, i) => actualUser(id('gone', i), email(id('gone', i)))),
    ],
    [actualGroup('team', { name: 'team' })],
  )
  return computePlan(desired, actual, { profile: OPENDATASOFT })
}

/** The comment without the bodies of collapsed sections: what shows before anything is expanded. */
function openPart(comment: string): string {
  let depth = 0
  return comment
    .split('\n')
    .filter((line) => {
      if (depth === 0 && line.startsWith('<details>')) depth = 1
      else if (depth > 0 && line.startsWith('<details')) depth += 1
      else if (depth > 0 && line.startsWith('</details>')) depth -= 1
      else return depth === 0
      return false
    })
    .join('\n')
}

describe('the PR comment never drops what takes access away', () => {
  it('lists every deletion and removal from a group by id at every size limit, or says exactly how many it could not', () => {
    fc.assert(
      fc.property(organization, (shape) => {
        const plan = planOf(shape)
        const removals = plan.changes
          .filter(({ change }) => changeEffect(change) === 'delete' || change.action === 'remove-member')
          .map(({ change }) => change.id)
        for (const limit of LIMITS) {
          const comment = renderPlanComment(plan, context, limit)
          expect(comment.length).toBeLessThanOrEqual(limit)
          // Listed means in a row a reader sees without expanding anything.
          const open = openPart(comment)
          const missing = removals.filter((id) => !open.includes(`${codeMarkdown(id)} |`))
          if (missing.length === 0) continue
          // Whatever it could not list, it counts: the counts across the tables add up to exactly the missing ones.
          const counted = [...open.matchAll(/… \*\*(\d+) more that takes? access away/g)].reduce(
            (sum, match) => sum + Number(match[1]),
            0,
          )
          expect(counted, `limit ${limit}`).toBe(missing.length)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('lists the deletions first, above creates, in a table that is open', () => {
    const plan = planOf({ creates: 3, updates: 1, deletes: 2, leaves: 1, idLength: 3 })
    const comment = renderPlanComment(plan, context)
    expect(comment.indexOf('gone-000')).toBeLessThan(comment.indexOf('| ➕ |'))
    expect(comment).toContain('> This plan **deletes 2** entries: <code>gone-000</code>, <code>gone-001</code>.')
    expect(comment).toContain('<details open><summary>Users:')
  })
})
