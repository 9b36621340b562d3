import type { ActualState, ActualUser, ActualUserGroup } from '../../src/core/model/actual-state.js'
import type {
  DeclaredUser,
  DeclaredUserGroup,
  DesiredState,
  ProvisioningSettings,
} from '../../src/core/model/entities.js'

const at = { file: 'users.yaml', line: 1, column: 1 }

/** Builders for plan tests: terse, with the defaults a config and a target would have. */
export const desiredUser = (id: string, fields: Partial<Omit<DeclaredUser, 'id' | 'source'>> = {}): DeclaredUser => ({
  id,
  userGroups: [],
  isActive: true,
  source: at,
  ...fields,
})
export const desiredGroup = (
  id: string,
  fields: Partial<Omit<DeclaredUserGroup, 'id' | 'source'>> = {},
): DeclaredUserGroup => ({ id, name: id, parents: [], isActive: true, source: at, ...fields })
export const actualUser = (id: string, fields: Partial<Omit<ActualUser, 'id'>> = {}): ActualUser => ({
  id,
  userGroups: [],
  unmanaged: {},
  ...fields,
})
export const actualGroup = (id: string, fields: Partial<Omit<ActualUserGroup, 'id'>> = {}): ActualUserGroup => ({
  id,
  parents: [],
  ...fields,
})

export function desiredState(
  users: DeclaredUser[],
  userGroups: DeclaredUserGroup[],
  settings: Partial<ProvisioningSettings> = {},
): DesiredState {
  return {
    users,
    userGroups,
    files: ['users.yaml'],
    settings: {
      target: { type: 'gooddata-cloud' },
      load: 'full',
      protected: { users: [], userGroups: [] },
      unmanaged: { users: [], userGroups: [] },
      limits: { maxDeletionRatio: 0.25 },
      ...settings,
    },
  }
}

export function actualState(
  users: ActualUser[],
  userGroups: ActualUserGroup[],
  protectedIds: ActualState['protectedIds'] = [],
): ActualState {
  return { users, userGroups, protectedIds }
}
