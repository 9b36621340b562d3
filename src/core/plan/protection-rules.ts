import type { ActualState, EntityKind } from '../model/actual-state.js'
import type { DesiredState } from '../model/entities.js'
import { compilePatterns } from './match-patterns.js'
import { protectMemberships } from './protect-memberships.js'

/** Who decides that an id is left alone, and why: automatic protections, then provisioning.yaml's globs. */
export interface ProtectionRules {
  protectedReason(kind: EntityKind, id: string): string | undefined
  unmanagedReason(kind: EntityKind, id: string): string | undefined
  isManaged(kind: EntityKind, id: string): boolean
}

/** The protection rules of a config against a live state. */
export function protectionRules(desired: DesiredState, actual: ActualState): ProtectionRules {
  // By kind, then id: isManaged is asked of every live user, and a key string per question adds up.
  const automatic = { user: new Map<string, string[]>(), userGroup: new Map<string, string[]>() }
  for (const { kind, id, reason } of [...actual.protectedIds, ...protectMemberships(actual)]) {
    automatic[kind].set(id, [...(automatic[kind].get(id) ?? []), reason])
  }
  const { protected: protectedPatterns, unmanaged } = desired.settings
  const matchers = {
    protected: {
      user: compilePatterns(protectedPatterns.users),
      userGroup: compilePatterns(protectedPatterns.userGroups),
    },
    unmanaged: { user: compilePatterns(unmanaged.users), userGroup: compilePatterns(unmanaged.userGroups) },
  }
  const protectedReason = (kind: EntityKind, id: string): string | undefined => {
    const reasons = automatic[kind].get(id)
    if (reasons) return `protected: ${reasons.join(' and ')}`
    const pattern = matchers.protected[kind](id)
    return pattern === undefined ? undefined : `protected: matches ${JSON.stringify(pattern)} in provisioning.yaml`
  }
  const unmanagedReason = (kind: EntityKind, id: string): string | undefined => {
    const pattern = matchers.unmanaged[kind](id)
    return pattern === undefined ? undefined : `unmanaged: matches ${JSON.stringify(pattern)} in provisioning.yaml`
  }
  return {
    protectedReason,
    unmanagedReason,
    isManaged: (kind: EntityKind, id: string) => !protectedReason(kind, id) && !unmanagedReason(kind, id),
  }
}
