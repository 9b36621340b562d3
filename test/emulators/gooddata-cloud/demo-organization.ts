import type { OrganizationSeed } from './organization-state.js'
import type { Assignee, Grant } from './permission-names.js'

const user = (id: string, attributes: Record<string, string>, userGroups: string[]) => ({ id, attributes, userGroups })
const to = <Name extends string>(type: Assignee['type'], id: string, name: Name): Grant<Name> => ({
  assignee: { id, type },
  name,
})

/**
 * The demo's organization: drifted from examples/basic, with an unmanaged and a protected user,
 * and a workspace hierarchy and a data source with grants to some of its users and groups.
 */
export const DEMO_ORGANIZATION: OrganizationSeed = {
  users: [
    user('admin', {}, ['adminGroup']),
    user(
      'john.doe',
      { firstname: 'John', lastname: 'Doe', email: 'john.doe@old-domain.example', authenticationId: 'oidc|john.doe' },
      ['everyone'],
    ),
    user(
      'jane.smith',
      { firstname: 'Jane', lastname: 'Smith', email: 'jane.smith@example.com', authenticationId: 'oidc|jane.smith' },
      ['analysts', 'data-engineers'],
    ),
    user(
      'maria.garcia',
      {
        firstname: 'Maria',
        lastname: 'Garcia',
        email: 'maria.garcia@example.com',
        authenticationId: 'oidc|maria.garcia',
      },
      ['analysts'],
    ),
    user('old.contractor', { firstname: 'Old', lastname: 'Contractor' }, ['everyone']),
    user('temp.intern', { firstname: 'Temp', lastname: 'Intern' }, ['analysts']),
    user('sso-bot', {}, []),
    user('svc-reporting', { firstname: 'Reporting' }, ['adminGroup']),
  ],
  userGroups: [
    { id: 'adminGroup', attributes: {}, parents: [] },
    { id: 'everyone', attributes: { name: 'Everyone' }, parents: [] },
    { id: 'analysts', attributes: {}, parents: ['everyone'] },
    { id: 'data-engineers', attributes: { name: 'Data engineers' }, parents: [] },
    { id: 'legacy-team', attributes: { name: 'Legacy team' }, parents: ['everyone'] },
  ],
  workspaces: [
    {
      id: 'sales',
      attributes: { name: 'Sales', description: 'Company-wide sales analytics' },
      permissions: [to('userGroup', 'analysts', 'ANALYZE'), to('user', 'jane.smith', 'MANAGE')],
      hierarchyPermissions: [to('userGroup', 'everyone', 'VIEW'), to('userGroup', 'data-engineers', 'MANAGE')],
    },
    {
      id: 'sales-emea',
      attributes: { name: 'Sales EMEA' },
      parent: 'sales',
      permissions: [to('user', 'maria.garcia', 'ANALYZE'), to('user', 'maria.garcia', 'EXPORT')],
    },
  ],
  dataSources: [
    {
      id: 'warehouse',
      attributes: {
        name: 'Warehouse',
        type: 'POSTGRESQL',
        schema: 'analytics',
        url: 'jdbc:postgresql://warehouse.example.com:5432/analytics',
        username: 'gooddata',
      },
      permissions: [to('userGroup', 'data-engineers', 'MANAGE'), to('userGroup', 'analysts', 'USE')],
    },
  ],
}
