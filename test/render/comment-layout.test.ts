import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import type { Change } from '../../src/core/model/change.js'
import { codeMarkdown, escapeMarkdown } from '../../src/core/render/escape-markdown.js'
import { renderChangeRow } from '../../src/core/render/render-change-table.js'
import { renderPlanComment, renderPlanMarkdown } from '../../src/core/render/render-plan-markdown.js'
import { GOODDATA_CLOUD, OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const context = { config: 'access', host: 'https://acme.example' }
const ROW = /^\| (➕|✏️|➖) \|/

/** The rows of the change tables: one line each. */
const rowsOf = (comment: string) => comment.split('\n').filter((line) => ROW.test(line))

/**
 * What a reader sees without expanding anything: each line outside a collapsed <details> that shows
 * text, plus one for each <br> in it. The marker (an HTML comment) and table delimiter rows show none.
 */
function visibleLines(comment: string): number {
  let depth = 0
  let lines = 0
  for (const line of comment.split('\n')) {
    if (depth > 0) {
      if (line.startsWith('<details')) depth += 1
      if (line.startsWith('</details>')) depth -= 1
      continue
    }
    if (line.startsWith('<details>')) {
      depth = 1
      lines += 1
      continue
    }
    if (line.trim() === '' || line.startsWith('</details>') || line.startsWith('<!--') || line.startsWith('|---'))
      continue
    lines += 1 + (line.match(/<br>/g)?.length ?? 0)
  }
  return lines
}

/** The demo's drift: 2 groups and 6 users to create, 2 of each to update, 1 group and 2 users to delete. */
function fifteenChanges() {
  const person = (id: string, first: string, last: string, userGroups: string[]) =>
    desiredUser(id, { firstname: first, lastname: last, email: `${id}@example.com`, authId: `oidc|${id}`, userGroups })
  const desired = desiredState(
    [
      person('amir.haddad', 'Amir', 'Haddad', ['data-engineers']),
      person('jane.smith', 'Jane', 'Smith', ['analysts']),
      person('john.doe', 'John', 'Doe', ['analysts']),
      person('li.wei', 'Li', 'Wei', ['finance-viewers']),
      person('maria.garcia', 'María', 'García', ['analysts', 'finance-viewers']),
      person('olu.adeyemi', 'Olu', 'Adeyemi', ['everyone']),
      person('priya.patel', 'Priya', 'Patel', ['data-engineers', 'platform-admins']),
      person('sara.nilsson', 'Sara', 'Nilsson', ['platform-admins']),
      person('tom.becker', 'Tom', 'Becker', ['analysts']),
    ],
    [
      desiredGroup('everyone', { name: 'Everyone' }),
      desiredGroup('analysts', { name: 'Analysts', parents: ['everyone'] }),
      desiredGroup('finance-viewers', { name: 'Finance viewers', parents: ['analysts'] }),
      desiredGroup('data-engineers', { name: 'Data engineers', parents: ['analysts'] }),
      desiredGroup('platform-admins', { name: 'Platform admins', parents: ['data-engineers'] }),
    ],
    { limits: { maxDeletionRatio: 1 } },
  )
  const live = (id: string, fields: Parameters<typeof actualUser>[1]) => actualUser(id, fields)
  const actual = actualState(
    [
      live('jane.smith', {
        firstname: 'Jane',
        lastname: 'Smith',
        email: 'jane.smith@example.com',
        authId: 'oidc|jane.smith',
        userGroups: ['analysts'],
      }),
      live('john.doe', {
        firstname: 'John',
        lastname: 'Doe',
        email: 'john.doe@old.example',
        authId: 'oidc|john.doe',
        userGroups: ['everyone'],
      }),
      live('maria.garcia', {
        firstname: 'Maria',
        lastname: 'Garcia',
        email: 'maria.garcia@example.com',
        authId: 'oidc|maria.garcia',
        userGroups: ['analysts'],
      }),
      live('old.contractor', { userGroups: ['everyone'] }),
      live('temp.intern', { userGroups: ['analysts'] }),
    ],
    [
      actualGroup('everyone', { name: 'Everyone' }),
      actualGroup('analysts', { parents: ['everyone'] }),
      actualGroup('data-engineers', { name: 'Data engineers' }),
      actualGroup('legacy-team', { name: 'Legacy team' }),
    ],
  )
  return computePlan(desired, actual)
}

describe('the comment shows each change on one line', () => {
  it('keeps a plan of 15 changes to one row each and under 30 visible lines', () => {
    const plan = fifteenChanges()
    expect(plan.changes).toHaveLength(15)
    const comment = renderPlanComment(plan, context)
    expect(rowsOf(comment)).toHaveLength(15)
    expect(comment).not.toContain('<br>')
    // 15 rows and a frame of 12 lines: the heading, the counts table's 3 rows, the 2-line warning, a
    // summary and a header row per kind (2 × 2), the collapsed effective access and the footer: 27.
    // 30 leaves room for a notice, not for a second line for a few changes; the layout before (a
    // create's fields on lines of their own) showed 64 for the same plan.
    expect(visibleLines(comment)).toBeLessThanOrEqual(30)
  })

  it('shows a created user as name and address, then the other fields, all inert', () => {
    const plan = computePlan(
      desiredState(
        [
          desiredUser('ana', {
            firstname: 'Ana',
            lastname: 'Lopez',
            email: 'ana@example.com',
            authId: 'oidc|ana',
            userGroups: ['analysts', 'everyone'],
          }),
          desiredUser('bare'),
        ],
        [desiredGroup('analysts'), desiredGroup('everyone')],
      ),
      actualState([], [actualGroup('analysts'), actualGroup('everyone')]),
    )
    const rows = rowsOf(renderPlanMarkdown(plan, context))
    expect(rows).toEqual([
      '| ➕ | <code>ana</code> | Ana Lopez &lt;ana&#64;<!-- -->example.com&gt;; auth_id: oidc&#124;ana; user_groups: analysts, everyone |',
      '| ➕ | <code>bare</code> | create |',
    ])
  })

  it('shows a created group as its name, parents and permissions, and a label where group ids are opaque', () => {
    const plan = computePlan(
      desiredState(
        [desiredUser('ann', { userGroups: ['g1'] })],
        [desiredGroup('g1', { name: 'Finance viewers', parents: ['g0'] }), desiredGroup('g0', { name: 'Everyone' })],
      ),
      actualState([], [actualGroup('g0', { name: 'Everyone' })]),
    )
    const labelled = { ...plan, groupLabels: { g0: 'Everyone', g1: 'Finance viewers' } }
    expect(rowsOf(renderPlanMarkdown(plan, context))).toContain(
      '| ➕ | <code>g1</code> | Finance viewers; parent_user_groups: g0 |',
    )
    expect(rowsOf(renderPlanMarkdown(labelled, context))).toContain(
      '| ➕ | <code>ann</code> | user_groups: Finance viewers (g1) |',
    )
  })

  it('shows a created Opendatasoft user with the permissions granted to them directly', () => {
    const plan = computePlan(
      desiredState([desiredUser('ann', { email: 'ann@acme.example', permissions: ['edit_page'] })], [], {
        target: { type: 'opendatasoft' },
      }),
      actualState([], []),
      { profile: OPENDATASOFT },
    )
    expect(rowsOf(renderPlanMarkdown(plan, context))).toContain(
      '| ➕ | <code>ann</code> | &lt;ann&#64;<!-- -->acme.example&gt;; permissions: edit&#95;page |',
    )
  })

  it('shows an update as its field changes before → after on one line', () => {
    const plan = computePlan(
      desiredState(
        [desiredUser('ann', { email: 'a@new.example', firstname: 'Ann', userGroups: ['analysts'] })],
        [desiredGroup('analysts'), desiredGroup('viewers')],
      ),
      actualState(
        [actualUser('ann', { email: 'a@old.example', userGroups: ['viewers'] })],
        [actualGroup('analysts'), actualGroup('viewers')],
      ),
    )
    expect(rowsOf(renderPlanMarkdown(plan, context))).toEqual([
      '| ✏️ | <code>ann</code> | firstname: (none) → <code>Ann</code>; email: <code>a&#64;<!-- -->old.example</code> → <code>a&#64;<!-- -->new.example</code>; user_groups: +<code>analysts</code> −<code>viewers</code> |',
    ])
  })

  it('shows a change of permissions on workspaces and data sources as one line per holder', () => {
    const sales = (permissions: string[]) => ({ workspaces: [{ id: 'sales', permissions, hierarchy: [] }] })
    const change: Change = {
      action: 'permissions',
      kind: 'userGroup',
      id: 'everyone',
      from: { ...sales(['VIEW']), dataSources: [] },
      to: { ...sales(['ANALYZE']), dataSources: [{ id: 'warehouse', permissions: ['USE'] }] },
    }
    const row = renderChangeRow({ change, fields: [], dependsOn: [] }, GOODDATA_CLOUD, {
      code: codeMarkdown,
      text: escapeMarkdown,
    })
    expect(row).toBe(
      // It revokes VIEW: marked as taking access away.
      '| ➖ | <code>everyone</code> | workspace <code>sales</code>: +<code>ANALYZE</code> −<code>VIEW</code>; data source <code>warehouse</code>: +<code>USE</code> |',
    )
  })

  it('keeps a value that tries to break out of its row inert, on one line', () => {
    const hostile = '</details> | ::set-output name=a::b\n@org/team #1 www.evil.example [x](https://evil.example)'
    const plan = computePlan(
      desiredState([desiredUser('u', { firstname: hostile, email: hostile })], []),
      actualState([], []),
    )
    const [row] = rowsOf(renderPlanComment(plan, context))
    expect(row).toBeDefined()
    const text = row!.replace(/<!-- -->/g, '').replace(/<\/?code>/g, '')
    expect(text).not.toMatch(/[<>[\]]/)
    expect(text.split(' | ')).toHaveLength(3)
    expect(row).toContain('&#64;<!-- -->org/team &#35;<!-- -->1 w<!-- -->ww.evil.example')
    expect(row).not.toContain('::set-output')
  })
})

describe('the order and the folding of rows', () => {
  const many = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`)

  function bigPlan(creates: number, updates: number) {
    const updated = many('kept', updates)
    return computePlan(
      desiredState(
        [
          ...many('new', creates).map((id) => desiredUser(id, { email: `${id}@example.com` })),
          ...updated.map((id) => desiredUser(id, { email: `${id}@new.example` })),
        ],
        [],
        { limits: { maxDeletionRatio: 1 } },
      ),
      actualState([...updated.map((id) => actualUser(id, { email: `${id}@old.example` })), actualUser('gone-1')], []),
    )
  }

  it('lists removals, then updates, then creates', () => {
    const rows = rowsOf(renderPlanComment(bigPlan(2, 2), context))
    expect(rows.map((row) => ROW.exec(row)![1])).toEqual(['➖', '✏️', '✏️', '➕', '➕'])
  })

  it('folds many creates into a collapsed table of their own, below the open removals and updates', () => {
    const comment = renderPlanComment(bigPlan(60, 3), context)
    const fold = comment.indexOf('<details><summary>60 to create</summary>')
    expect(fold).toBeGreaterThan(0)
    expect(comment.indexOf('<code>gone-1</code> | **delete**')).toBeLessThan(fold)
    expect(comment.lastIndexOf('| ✏️ |')).toBeLessThan(fold)
    expect(comment.indexOf('| ➕ |')).toBeGreaterThan(fold)
    expect(comment.match(/<details/g)?.length).toBe(comment.match(/<\/details>/g)?.length)
    // Folded, 60 creates add one visible line, not 60.
    expect(visibleLines(comment)).toBeLessThan(25)
  })

  it('cuts creates before updates when rows must go', () => {
    const plan = bigPlan(5, 2)
    const markdown = renderPlanMarkdown(plan, context, { maxRows: 2 })
    expect(rowsOf(markdown).filter((row) => row.startsWith('| ✏️ |'))).toHaveLength(2)
    expect(rowsOf(markdown).filter((row) => row.startsWith('| ➕ |'))).toHaveLength(0)
    expect(markdown).toContain('… 5 more not shown here (5 to create); the full plan is in the job summary.')
    expect(markdown).toContain('· 5 rows not shown</sub>')
  })

  it('opens a section whose removals it had no room to list, so their count shows', () => {
    const markdown = renderPlanMarkdown(bigPlan(60, 60), context, { maxRows: 0, maxRemovals: 0 })
    expect(markdown).toContain('<details open><summary>Users: 60 to create, 60 to update, 1 to delete</summary>')
    expect(markdown).toContain(
      '… **1 more that takes access away (deletions, disables, removals from groups, revoked permissions) not listed here**',
    )
    expect(rowsOf(markdown)).toEqual([])
  })
})
