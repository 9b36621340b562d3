import type { DomainSeed } from './domain-state.js'
import { ADMIN_PERMISSION } from './permissions.js'

const user = (username: string, first_name: string, last_name: string, email = `${username}@example.com`) => ({
  username,
  first_name,
  last_name,
  email,
})

/**
 * The demo's domain, drifted from the people of examples/basic: john.doe's e-mail is stale,
 * jane.smith is not yet a data engineer, maria.garcia holds a direct permission no config gives,
 * old.contractor and a "Legacy team" group are left over; sso-bot came from an identity provider
 * and ods.support is an Opendatasoft staff account, neither of which a config should touch.
 */
export const DEMO_DOMAIN: DomainSeed = {
  apiKeyUser: 'admin',
  users: [
    { ...user('admin', 'Domain', 'Admin'), permissions: [ADMIN_PERMISSION] },
    user('john.doe', 'John', 'Doe', 'john.doe@old-domain.example'),
    user('jane.smith', 'Jane', 'Smith'),
    { ...user('maria.garcia', 'Maria', 'Garcia'), permissions: ['edit_dataset'] },
    user('old.contractor', 'Old', 'Contractor'),
    { ...user('sso-bot', '', ''), account_type: 'local', identity_providers: ['corporate-saml'] },
    { ...user('ods.support', 'Opendatasoft', 'Support', 'support@opendatasoft.example'), is_ods: true },
  ],
  groups: [
    { title: 'Domain administrators', permissions: [ADMIN_PERMISSION], members: ['admin'] },
    {
      title: 'Analysts',
      description: 'Browse every dataset, restricted ones included.',
      permissions: ['explore_restricted_dataset', 'explore_restricted_page'],
      members: ['john.doe', 'jane.smith', 'maria.garcia', 'old.contractor'],
    },
    {
      title: 'Data engineers',
      permissions: ['create_dataset', 'edit_dataset', 'publish_dataset'],
      members: ['maria.garcia'],
    },
    { title: 'Legacy team', members: ['old.contractor'] },
  ],
}
