import type { OrganizationSeed } from './organization-state.js'

const user = (id: string, attributes: Record<string, string>, userGroups: string[]) => ({ id, attributes, userGroups })

/** The demo's organization: drifted from examples/basic, with an unmanaged and a protected user. */
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
}
