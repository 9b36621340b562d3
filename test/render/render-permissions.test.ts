import { describe, expect, it } from 'vitest'
import type { ActualState } from '../../src/core/model/actual-state.js'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { planToJson } from '../../src/core/render/render-plan-json.js'
import { renderPlanComment } from '../../src/core/render/render-plan-markdown.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const context = { config: 'access', host: 'https://analytics.example.com' }
const scopes: NonNullable<ActualState['scopes']> = {
  workspaces: [{ id: 'sales' }, { id: 'hr' }],
  dataSources: [{ id: 'warehouse' }],
}

function plan() {
  const desired = desiredState(
    [desiredUser('ana', { userGroups: ['analysts'] }), desiredUser('bob')],
    [
      desiredGroup('everyone', { workspacePermissions: [{ id: 'sales', permissions: ['ANALYZE'], hierarchy: [] }] }),
      desiredGroup('analysts', { parents: ['everyone'] }),
    ],
  )
  const actual: ActualState = {
    ...actualState(
      [
        actualUser('ana', { userGroups: ['analysts'] }),
        actualUser('bob', {
          scopedPermissions: { workspaces: [{ id: 'hr', permissions: ['MANAGE'], hierarchy: [] }], dataSources: [] },
        }),
      ],
      [
        actualGroup('everyone', {
          scopedPermissions: { workspaces: [{ id: 'sales', permissions: ['VIEW'], hierarchy: [] }], dataSources: [] },
        }),
        actualGroup('analysts', { parents: ['everyone'] }),
      ],
    ),
    scopes,
  }
  return computePlan(desired, actual)
}

describe('permission changes in the plan', () => {
  it('lists them per workspace in the text plan, with effective access through groups and what is left alone', () => {
    const text = renderPlanText(plan(), context, { color: false })
    expect(text).toContain('  ~ permissions of user group everyone\n      workspace sales: +ANALYZE −VIEW\n')
    expect(text).toContain(
      '  ana: +ANALYZE on workspace sales (via analysts → everyone), −VIEW on workspace sales (via analysts → everyone)',
    )
    expect(text).toContain(
      'Note: 1 user holds permissions on workspaces or data sources and declares none: left as they are (declare workspace_permissions or data_source_permissions to manage them).',
    )
  })

  it('carries them in the JSON plan, before and after, with the effective steps', () => {
    const json = planToJson(plan())
    expect(json.changes).toEqual([
      {
        action: 'permissions',
        kind: 'user_group',
        id: 'everyone',
        permissions: {
          before: {
            workspace_permissions: { sales: { permissions: ['VIEW'], hierarchy: [] } },
            data_source_permissions: {},
          },
          after: {
            workspace_permissions: { sales: { permissions: ['ANALYZE'], hierarchy: [] } },
            data_source_permissions: {},
          },
        },
      },
    ])
    expect(json.permissions_left_alone).toEqual({ users: 1, user_groups: 0 })
    expect(json.effective_access[0]).toMatchObject({
      user_id: 'ana',
      scoped_permissions: {
        gained: [{ scope: 'workspace', id: 'sales', permission: 'ANALYZE', via: ['analysts', 'everyone'] }],
        lost: [{ scope: 'workspace', id: 'sales', permission: 'VIEW', via: ['analysts', 'everyone'] }],
      },
    })
  })

  it('keeps a workspace id from the server inert in the text plan', async () => {
    const hostile = 'x\n::warning::owned\u001b[31m'
    // ana joins team, which holds VIEW on the hostile workspace: effective access names it.
    const desired = desiredState([desiredUser('ana', { userGroups: ['team'] })], [desiredGroup('team')])
    const actual: ActualState = {
      ...actualState(
        [actualUser('ana')],
        [
          actualGroup('team', {
            scopedPermissions: { workspaces: [{ id: hostile, permissions: ['VIEW'], hierarchy: [] }], dataSources: [] },
          }),
        ],
      ),
      scopes: { workspaces: [{ id: hostile }], dataSources: [] },
    }
    const text = renderPlanText(computePlan(desired, actual), context, { color: false })
    expect(text).not.toMatch(/^::/m)
    expect(text).not.toContain('\u001b')
    expect(text).toContain('+VIEW on workspace "x\\n::warning::owned\\u001b[31m" (via team)')
  })
})

describe('permission changes in the PR comment', () => {
  it('calls out MANAGE taken away at the top and lists revocations with what takes access away', () => {
    const desired = desiredState([desiredUser('bob', { workspacePermissions: [] })], [])
    const actual: ActualState = {
      ...actualState(
        [
          actualUser('bob', {
            scopedPermissions: { workspaces: [{ id: 'hr', permissions: ['MANAGE'], hierarchy: [] }], dataSources: [] },
          }),
        ],
        [],
      ),
      scopes,
    }
    const comment = renderPlanComment(computePlan(desired, actual), context)
    const caution = comment.indexOf(
      '**This plan takes MANAGE away** (1 loss): <code>bob</code> −<code>MANAGE</code> on workspace <code>hr</code>',
    )
    expect(caution).toBeGreaterThan(0)
    expect(
      comment.indexOf('| ➖ | <code>bob</code> | workspace <code>hr</code>: −<code>MANAGE</code> |'),
    ).toBeGreaterThan(caution)
    const text = renderPlanText(computePlan(desired, actual), context, { color: false })
    expect(text).toContain('MANAGE taken away (1):\n  - bob −MANAGE on workspace hr\n')
  })
})
