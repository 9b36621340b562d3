import {
  DEFAULT_MAX_DELETION_RATIO,
  type GoodDataPlatformSettings,
  type LoadMode,
  type ProvisioningSettings,
  type TargetType,
} from '../model/entities.js'

/** provisioning.yaml as the schema admits it (snake_case, everything optional). */
interface ProvisioningFile {
  target?: { type?: TargetType; host?: string; domain?: string; project?: string }
  opendatasoft?: { create_users_by?: 'invite' | 'provision'; identity_provider?: string }
  gooddata_platform?: { removal?: GoodDataPlatformSettings['removal']; default_role?: string; sso_provider?: string }
  load?: LoadMode
  protected?: { users?: string[]; user_groups?: string[] }
  unmanaged?: { users?: string[]; user_groups?: string[] }
  limits?: {
    max_deletions?: number
    max_deletion_ratio?: number
    max_membership_removals?: number
    max_membership_removal_ratio?: number
    max_permission_revocations?: number
    max_permission_revocation_ratio?: number
  }
}

/** Settings with defaults, from a schema-valid provisioning.yaml value (or none). */
export function readSettings(value: unknown): ProvisioningSettings {
  const file = (value ?? {}) as ProvisioningFile
  const host = file.target?.host
  const maxDeletions = file.limits?.max_deletions
  const maxMembershipRemovals = file.limits?.max_membership_removals
  const maxMembershipRemovalRatio = file.limits?.max_membership_removal_ratio
  const maxPermissionRevocations = file.limits?.max_permission_revocations
  const maxPermissionRevocationRatio = file.limits?.max_permission_revocation_ratio
  return {
    target: {
      type: file.target?.type ?? 'gooddata-cloud',
      ...(host === undefined ? {} : { host }),
      ...opendatasoftSettings(file),
      ...goodDataPlatformSettings(file),
    },
    load: file.load ?? 'full',
    protected: { users: file.protected?.users ?? [], userGroups: file.protected?.user_groups ?? [] },
    unmanaged: { users: file.unmanaged?.users ?? [], userGroups: file.unmanaged?.user_groups ?? [] },
    limits: {
      ...(maxDeletions === undefined ? {} : { maxDeletions }),
      maxDeletionRatio: file.limits?.max_deletion_ratio ?? DEFAULT_MAX_DELETION_RATIO,
      ...(maxMembershipRemovals === undefined ? {} : { maxMembershipRemovals }),
      ...(maxMembershipRemovalRatio === undefined ? {} : { maxMembershipRemovalRatio }),
      ...(maxPermissionRevocations === undefined ? {} : { maxPermissionRevocations }),
      ...(maxPermissionRevocationRatio === undefined ? {} : { maxPermissionRevocationRatio }),
    },
  }
}

/** How new users join an Opendatasoft domain; only for that target, so GoodData plans stay as they were. */
function opendatasoftSettings(file: ProvisioningFile): Pick<ProvisioningSettings['target'], 'opendatasoft'> {
  if (file.target?.type !== 'opendatasoft') return {}
  const identityProvider = file.opendatasoft?.identity_provider
  return {
    opendatasoft: {
      createUsersBy: file.opendatasoft?.create_users_by ?? 'invite',
      ...(identityProvider === undefined ? {} : { identityProvider }),
    },
  }
}

/** The legacy platform's project and domain, and how users leave it; only for that target. The loader requires domain and project. */
function goodDataPlatformSettings(file: ProvisioningFile): Pick<ProvisioningSettings['target'], 'gooddataPlatform'> {
  if (file.target?.type !== 'gooddata-platform') return {}
  const settings = file.gooddata_platform
  const ssoProvider = settings?.sso_provider
  return {
    gooddataPlatform: {
      domain: file.target.domain ?? '',
      project: file.target.project ?? '',
      removal: settings?.removal ?? 'disable',
      // The Users Brick's default.
      defaultRole: settings?.default_role ?? 'readOnlyUserRole',
      ...(ssoProvider === undefined ? {} : { ssoProvider }),
    },
  }
}
