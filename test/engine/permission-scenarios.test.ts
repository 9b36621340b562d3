import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from '../cli/capture-io.js'
import type { OrganizationSeed } from '../emulators/gooddata-cloud/organization-state.js'
import type {
  Assignee,
  DataSourcePermission,
  Grant,
  WorkspacePermission,
} from '../emulators/gooddata-cloud/permission-names.js'
import { DEFAULT_TOKEN } from '../emulators/gooddata-cloud/server.js'
import { changeLines, group, organization, scenario, user } from '../support/scenario.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function setUp(...args: Parameters<typeof scenario>) {
  const running = await scenario(...args)
  closers.push(running.close)
  return running
}

const to = <Name extends WorkspacePermission | DataSourcePermission>(
  type: Assignee['type'],
  id: string,
  name: Name,
): Grant<Name> => ({
  assignee: { id, type },
  name,
})

/** ana in analysts, analysts in emea, emea in everyone; workspaces sales (child sales-emea) and hr; data source warehouse. */
function seed(
  grants: {
    sales?: Grant<WorkspacePermission>[]
    salesHierarchy?: Grant<WorkspacePermission>[]
    hr?: Grant<WorkspacePermission>[]
    warehouse?: Grant<'MANAGE' | 'USE'>[]
  } = {},
): OrganizationSeed {
  return {
    ...organization({
      users: [user('ana', ['analysts']), user('bob', [])],
      userGroups: [group('everyone'), group('emea', ['everyone']), group('analysts', ['emea'])],
    }),
    workspaces: [
      {
        id: 'sales',
        attributes: { name: 'Sales' },
        permissions: grants.sales ?? [],
        hierarchyPermissions: grants.salesHierarchy ?? [],
      },
      { id: 'sales-emea', attributes: { name: 'Sales EMEA' }, parent: 'sales' },
      { id: 'hr', attributes: { name: 'HR' }, permissions: grants.hr ?? [] },
    ],
    dataSources: [
      {
        id: 'warehouse',
        attributes: { name: 'Warehouse', type: 'POSTGRESQL', schema: 'analytics', url: 'jdbc:postgresql://db/a' },
        permissions: grants.warehouse ?? [],
      },
    ],
  }
}

const GROUPS = (everyone = '') => `user_groups:
  - user_group_id: everyone${everyone}
  - user_group_id: emea
    parent_user_groups: [everyone]
  - user_group_id: analysts
    parent_user_groups: [emea]
`
const USERS = (ana = '', bob = '') =>
  `users:\n  - user_id: ana\n    user_groups: [analysts]${ana}\n  - user_id: bob${bob}\n`

describe('permissions on workspaces and data sources, planned and applied over HTTP', () => {
  it("grants a group's permission that reaches a member through two levels of nesting, and converges", async () => {
    const s = await setUp(
      {
        'groups.yaml': GROUPS('\n    workspace_permissions:\n      sales: [ANALYZE]\n      hr: { hierarchy: [VIEW] }'),
        'users.yaml': USERS(),
      },
      { seed: seed() },
    )
    const { plan, stdout } = await s.planJson()
    expect(changeLines(plan)).toEqual(['permissions user_group everyone'])
    const ana = plan.effective_access.find((item) => item.user_id === 'ana') as unknown as {
      scoped_permissions: { gained: { id: string; permission: string; scope: string; via: string[] }[] }
    }
    expect(ana.scoped_permissions.gained).toEqual([
      { scope: 'workspace_hierarchy', id: 'hr', permission: 'VIEW', via: ['analysts', 'emea', 'everyone'] },
      { scope: 'workspace', id: 'sales', permission: 'ANALYZE', via: ['analysts', 'emea', 'everyone'] },
    ])
    expect(stdout).not.toContain('"blocked": true')
    const text = await s.run('plan')
    expect(text.stdout).toContain('ana: +VIEW on workspace hr and its children (via analysts → emea → everyone)')
    expect((await s.run('apply')).exitCode).toBe(0)
    const posts = s.emulator.requestLog.filter((entry) => entry.method === 'POST')
    expect(posts.map((entry) => entry.path)).toEqual(['/api/v1/actions/userManagement/userGroups/everyone/permissions'])
    expect(s.emulator.state.workspaces.get('sales')!.permissions).toEqual([to('userGroup', 'everyone', 'ANALYZE')])
    expect(s.emulator.state.workspaces.get('hr')!.hierarchyPermissions).toEqual([to('userGroup', 'everyone', 'VIEW')])
    expect(changeLines((await s.planJson()).plan)).toEqual([])
  })

  it('revokes what a full load does not declare, on workspaces and data sources, and leaves the undeclared kind alone', async () => {
    const s = await setUp(
      { 'groups.yaml': GROUPS(), 'users.yaml': USERS('\n    workspace_permissions:\n      sales: [VIEW]') },
      {
        seed: seed({
          sales: [to('user', 'ana', 'ANALYZE')],
          hr: [to('user', 'ana', 'MANAGE')],
          warehouse: [to('user', 'ana', 'USE')],
        }),
      },
    )
    const text = await s.run('plan')
    expect(text.stdout).toContain('workspace hr: −MANAGE')
    expect(text.stdout).toContain('workspace sales: +VIEW −ANALYZE')
    expect((await s.run('apply')).exitCode).toBe(0)
    expect(s.emulator.state.workspaces.get('hr')!.permissions).toEqual([])
    expect(s.emulator.state.workspaces.get('sales')!.permissions).toEqual([to('user', 'ana', 'VIEW')])
    // data_source_permissions is not declared: USE stays.
    expect(s.emulator.state.dataSources.get('warehouse')!.permissions).toEqual([to('user', 'ana', 'USE')])
  })

  it('grants on a data source and a hierarchy, and a new user gets them after being created', async () => {
    const s = await setUp(
      {
        'groups.yaml': GROUPS(),
        'users.yaml': `${USERS()}  - user_id: cai\n    data_source_permissions:\n      warehouse: [USE]\n    workspace_permissions:\n      sales: { hierarchy: [VIEW] }\n`,
      },
      { seed: seed() },
    )
    expect((await s.run('apply')).exitCode).toBe(0)
    const writes = s.emulator.requestLog.filter((entry) => entry.method === 'POST').map((entry) => entry.path)
    expect(writes).toEqual(['/api/v1/entities/users', '/api/v1/actions/userManagement/users/cai/permissions'])
    expect(s.emulator.state.dataSources.get('warehouse')!.permissions).toEqual([to('user', 'cai', 'USE')])
    expect(s.emulator.state.workspaces.get('sales')!.hierarchyPermissions).toEqual([to('user', 'cai', 'VIEW')])
  })

  it('leaves the permissions of users and groups that declare none as they are, and says how many', async () => {
    const s = await setUp(
      { 'groups.yaml': GROUPS(), 'users.yaml': USERS('', '\n    workspace_permissions: {}') },
      { seed: seed({ sales: [to('user', 'ana', 'MANAGE')], warehouse: [to('userGroup', 'emea', 'USE')] }) },
    )
    const text = await s.run('plan', '--detailed-exitcode')
    expect(text.exitCode).toBe(0)
    expect(text.stdout).toContain(
      'Note: 1 user and 1 user group hold permissions on workspaces or data sources and declare none: left as they are',
    )
  })

  it('rejects a workspace the organization does not have, located, and sends nothing', async () => {
    const s = await setUp(
      { 'groups.yaml': GROUPS(), 'users.yaml': USERS('\n    workspace_permissions:\n      salse: [VIEW]') },
      { seed: seed() },
    )
    const result = await s.run('apply')
    expect(result.exitCode).toBe(1)
    expect(result.stdout + result.stderr).toContain(
      'config/users.yaml:2:14: user "ana" has workspace_permissions on "salse", which is not a workspace of the organization; did you mean "sales"?',
    )
    expect(s.emulator.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
  })

  it('blocks a plan that revokes more permissions than the limits allow', async () => {
    const s = await setUp(
      {
        'groups.yaml': GROUPS(),
        'users.yaml': USERS('\n    workspace_permissions: {}'),
        'provisioning.yaml': 'limits:\n  max_permission_revocations: 1\n',
      },
      { seed: seed({ sales: [to('user', 'ana', 'VIEW')], hr: [to('user', 'ana', 'VIEW')] }) },
    )
    const result = await s.run('apply')
    expect(result.exitCode).toBe(3)
    expect(result.stdout + result.stderr).toContain(
      'the plan revokes 2 permissions on workspaces and data sources; limits.max_permission_revocations allows 1',
    )
    expect(s.emulator.requestLog.filter((entry) => entry.method === 'POST')).toEqual([])
  })

  it('exports the permissions, and the export plans with no changes', async () => {
    const s = await setUp(
      { 'groups.yaml': GROUPS(), 'users.yaml': USERS() },
      {
        seed: seed({
          sales: [to('user', 'ana', 'ANALYZE'), to('userGroup', 'emea', 'VIEW')],
          salesHierarchy: [to('user', 'ana', 'VIEW')],
          warehouse: [to('userGroup', 'analysts', 'USE')],
        }),
      },
    )
    const cli = captureIo(s.cwd, { GOODDATA_TOKEN: DEFAULT_TOKEN })
    expect(await runCli(['export', '--out', 'exported', '--host', s.emulator.url], cli.io)).toBe(0)
    const users = readFileSync(join(s.cwd, 'exported', 'users.yaml'), 'utf8')
    expect(users).toContain('    workspace_permissions:\n      sales: { permissions: [ANALYZE], hierarchy: [VIEW] }\n')
    const again = captureIo(s.cwd, { GOODDATA_TOKEN: DEFAULT_TOKEN })
    const exit = await runCli(
      ['plan', '--config', 'exported', '--host', s.emulator.url, '--detailed-exitcode'],
      again.io,
    )
    expect(again.stdout()).toContain('Plan: no changes')
    expect(exit).toBe(0)
  })
})
