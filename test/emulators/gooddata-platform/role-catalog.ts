/** A standard project role: the same number, identifier and permissions in every recorded project. */
export interface Role {
  readonly id: number
  readonly identifier: string
  readonly title: string
  readonly summary: string
  readonly permissions: Readonly<Record<string, '0' | '1'>>
}

/**
 * The 82 permission names of the 2022 server (project_roles_internal.yaml); servers of 2019 had
 * 80, without canExportFromADS and canManageCustomDataset (project_user_roles_and_role_detail.yaml).
 */
const PERMISSION_NAMES = [
  'canAccessIntegration',
  'canAccessWorkbench',
  'canAssignUserWithRole',
  'canCreateAnalyticalDashboard',
  'canCreateAttribute',
  'canCreateAttributeGroup',
  'canCreateAttributeLabel',
  'canCreateColumn',
  'canCreateComment',
  'canCreateDataSet',
  'canCreateDomain',
  'canCreateETLFile',
  'canCreateExecutionContext',
  'canCreateFact',
  'canCreateFilterSettings',
  'canCreateFolder',
  'canCreateHelp',
  'canCreateMetric',
  'canCreateProjectDashboard',
  'canCreateProjectTemplates',
  'canCreatePrompt',
  'canCreateReport',
  'canCreateReportDefinition',
  'canCreateRole',
  'canCreateScheduledMail',
  'canCreateTable',
  'canCreateTableDataLoad',
  'canCreateVisualization',
  'canCreateVisualizationClass',
  'canEnrichData',
  'canExecute',
  'canExecuteRaw',
  'canExportDashboard',
  'canExportFromADS',
  'canExportReport',
  'canInitData',
  'canInviteUserToProject',
  'canListInvitationsInProject',
  'canListUsersInProject',
  'canMaintainProject',
  'canMaintainUserFilter',
  'canMaintainUserFilterRelation',
  'canManageACL',
  'canManageAnalyticalDashboard',
  'canManageAttribute',
  'canManageAttributeGroup',
  'canManageAttributeLabel',
  'canManageColumn',
  'canManageComment',
  'canManageCustomDataset',
  'canManageDataSet',
  'canManageDomain',
  'canManageETLFile',
  'canManageExecutionContext',
  'canManageFact',
  'canManageFilterSettings',
  'canManageFolder',
  'canManageHelp',
  'canManageIntegration',
  'canManageIsProduction',
  'canManageMetric',
  'canManageProject',
  'canManageProjectDashboard',
  'canManagePrompt',
  'canManagePublicAccessCode',
  'canManageReport',
  'canManageReportDefinition',
  'canManageScheduledMail',
  'canManageTable',
  'canManageTableDataLoad',
  'canManageTranslations',
  'canManageVisualization',
  'canRefreshData',
  'canSeeOtherUserDetails',
  'canSeePublicAccessCode',
  'canSetLocale',
  'canSetProjectVariables',
  'canSetStyle',
  'canSetUserVariables',
  'canSuspendUserFromProject',
  'canUploadNonProductionCSV',
  'canValidateProject',
]

/** `flags` holds one '0' or '1' per name of PERMISSION_NAMES, in that order. */
function role(id: number, identifier: string, title: string, summary: string, flags: string): Role {
  const permissions = Object.fromEntries(
    PERMISSION_NAMES.map((name, index) => [name, flags[index] === '1' ? '1' : '0'] as const),
  )
  return { id, identifier, title, summary, permissions }
}

/**
 * The twelve standard roles with the numbers, titles, summaries and permissions recorded in 2022
 * (project_roles_internal.yaml, (c) GoodData Corporation, BSD-3-Clause; see test/fixtures/gooddata-platform).
 * Titles changed over the years (wire facts §A5): clients match roles by identifier only.
 */
export const ROLES: readonly Role[] = [
  role(
    1,
    'unverifiedAdminRole',
    'Unverified Admin',
    'project unverified admin',
    '1101111111111111111011100111111111110110000111111011111111111111011011111101111111',
  ),
  role(
    2,
    'adminRole',
    'Admin',
    'project master',
    '1111111111111111111011101111111111111111111111111111111111111111011111111101111111',
  ),
  role(
    3,
    'dashboardOnlyRole',
    'Viewer (embedded only)',
    'dashboard only',
    '0000000000001010000000101000001110100000000000000000010000000000000000000000000000',
  ),
  role(
    4,
    'readOnlyUserRole',
    'Viewer',
    'read only user role',
    '1100000000001010000000101000001110100000000000000000010000000000000000000000000000',
  ),
  role(
    5,
    'editorRole',
    'Editor',
    'invited user',
    '1101000010111011011001101001011110100010001100001001110110001010011100011100000010',
  ),
  role(
    6,
    'superAdminRole',
    'SuperAdmin',
    'the ultimate project admin',
    '1111111111111111111111101111111111111111111111111111111111111111011111111101111111',
  ),
  role(
    7,
    'connectorsSystemRole',
    'Connectors System User',
    'the connectors system user',
    '1000000000000000000000000000000010110000000011110010101000101100000011001000000000',
  ),
  role(
    8,
    'explorerRole',
    'Explorer',
    'explorer',
    '1101000000001010000000101001001110100010001100000000010100000000000000010100000010',
  ),
  role(
    9,
    'explorerOnlyRole',
    'Explorer (embedded only)',
    'explorer only',
    '1001000000001010000000101001001110100010001100000000010100000000000000010100000000',
  ),
  role(
    10,
    'editorInviteRole',
    'Editor + Invitations',
    'Editor + Invitations',
    '1101000010111011011001101001011110101110001100001001110110001010011100011100000010',
  ),
  role(
    11,
    'editorUserAdminRole',
    'Editor + User Admin',
    'Editor + User Admin',
    '1111000010111011011011101001011110101110111100001001110110001011011100011100101110',
  ),
  role(
    12,
    'readOnlyNoExportRole',
    'Viewer (Disabled Exports)',
    'Viewer (Disabled Exports)',
    '1100000000001010000000101000001010000000000000000000010000000000000000000000000000',
  ),
]

/** The role the last-admin rule is about (wire facts §C G3). */
export const ADMIN_ROLE = 'adminRole'

export function roleByIdentifier(identifier: string): Role | undefined {
  return ROLES.find((each) => each.identifier === identifier)
}

export function roleById(id: number): Role | undefined {
  return ROLES.find((each) => each.id === id)
}
