/** The fixed description's 21 permission names (the original had 16; wire facts §B3). */
export const PERMISSIONS: ReadonlySet<string> = new Set([
  'edit_domain',
  'create_page',
  'edit_page',
  'manage_page',
  'explore_restricted_page',
  'create_dataset',
  'edit_dataset',
  'publish_dataset',
  'manage_dataset',
  'explore_restricted_dataset',
  'edit_reuse',
  'manage_subdomains',
  'explore_monitoring',
  'edit_theme',
  'edit_form',
  'submit_private_form',
  'create_external_asset',
  'edit_external_asset',
  'explore_restricted_external_asset',
  'manage_glossary',
  'manage_showcase_requests',
])

/** The permission that lets a user manage users and groups; the domain must keep one holder. */
export const ADMIN_PERMISSION = 'edit_domain'
