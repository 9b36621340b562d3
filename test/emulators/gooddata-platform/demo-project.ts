import { DEFAULT_LOGIN, DEFAULT_PASSWORD, type PlatformSeed, type UserSeed } from './platform-seed.js'

const person = (name: string, firstName: string, lastName: string, fields: Omit<UserSeed, 'login'> = {}): UserSeed => ({
  login: `${name}@example.com`,
  password: `${name}-password`,
  firstName,
  lastName,
  ...fields,
})

/**
 * The demo's project, drifted from the people of examples/basic: john.doe is an editor where a
 * config would make him a viewer, maria.garcia is DISABLED, li.wei is in the domain but not yet
 * in the project, old.contractor and the "Legacy team" are left over, and "finance viewers" is
 * spelled otherwise than a config's "Finance viewers" (a rename, groups being matched ignoring
 * case). The logged-in admin (DEFAULT_LOGIN) is the domain admin and holds adminRole; sara.nilsson
 * is the project's other admin; partner.analyst belongs to another domain, so the project lists
 * her and the domain does not.
 */
export const DEMO_PROJECT: PlatformSeed = {
  users: [
    {
      login: DEFAULT_LOGIN,
      password: DEFAULT_PASSWORD,
      firstName: 'Domain',
      lastName: 'Admin',
      domainAdmin: true,
      role: 'adminRole',
    },
    person('john.doe', 'John', 'Doe', { role: 'editorRole' }),
    person('jane.smith', 'Jane', 'Smith', {
      role: 'editorRole',
      ssoProvider: 'example-sso',
      authenticationModes: ['SSO'],
    }),
    person('maria.garcia', 'María', 'García', { role: 'readOnlyUserRole', status: 'DISABLED' }),
    person('sara.nilsson', 'Sara', 'Nilsson', { role: 'adminRole' }),
    person('old.contractor', 'Old', 'Contractor', { role: 'readOnlyUserRole' }),
    person('li.wei', 'Li', 'Wei'),
    {
      login: 'partner.analyst@partner.example',
      firstName: 'Pat',
      lastName: 'Partner',
      domain: 'partner-domain',
      role: 'explorerRole',
    },
  ],
  groups: [
    {
      name: 'Analysts',
      description: 'Everyone who reads the dashboards',
      members: ['john.doe@example.com', 'jane.smith@example.com', 'old.contractor@example.com'],
    },
    { name: 'Data engineers', members: ['jane.smith@example.com'] },
    { name: 'finance viewers', members: ['maria.garcia@example.com'] },
    { name: 'Legacy team', members: ['old.contractor@example.com'] },
  ],
}
