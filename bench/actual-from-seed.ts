import type { ActualState } from '../src/core/model/actual-state.js'
import type { OrganizationSeed } from '../test/emulators/gooddata-cloud/organization-state.js'

/** The live state an emulator seeded with `seed` reads as: what the adapter's readState gives the planner. */
export function actualFromSeed(seed: OrganizationSeed): ActualState {
  return {
    users: (seed.users ?? []).map((user) => ({
      id: user.id,
      ...(user.attributes.firstname ? { firstname: user.attributes.firstname } : {}),
      ...(user.attributes.lastname ? { lastname: user.attributes.lastname } : {}),
      ...(user.attributes.email ? { email: user.attributes.email } : {}),
      userGroups: [...user.userGroups].sort(),
      unmanaged: {},
    })),
    userGroups: (seed.userGroups ?? []).map((group) => ({
      id: group.id,
      ...(group.attributes.name ? { name: group.attributes.name } : {}),
      parents: [...group.parents].sort(),
    })),
    protectedIds: [
      { kind: 'user', id: 'admin', reason: "the token's own user" },
      { kind: 'userGroup', id: 'adminGroup', reason: "the organization's bootstrap group" },
    ],
  }
}
