import type { UserValueField } from './user-fields.js'

/** How a target works, where the planner and executor must adapt to it. */
export interface TargetCapabilities {
  /** Groups can have parent groups (GoodData Cloud); else they are flat. */
  readonly nestedGroups: boolean
  /** Who decides a new group's id: the config (GoodData Cloud) or the server (Opendatasoft). */
  readonly groupIds: 'declared' | 'assigned-by-target'
  /** How a user leaves: deleted, or disabled and kept (the legacy GoodData Platform). */
  readonly userRemoval: 'delete' | 'disable'
  /** A user's groups are a field written with the user, or memberships added and removed one by one. */
  readonly membership: 'field' | 'resource'
}

/**
 * Everything pure about one target: its capabilities, which config keys its users and groups take,
 * and which fields it manages. The loader, the planner, the renderers and export read it, so a
 * catalog field (user-fields.ts) a target manages is its key in `userValueFields` here.
 */
export interface TargetProfile {
  readonly type: string
  /** For people: "GoodData Cloud". */
  readonly name: string
  readonly capabilities: TargetCapabilities
  /** The config keys a user and a group may carry on this target (ids included). */
  readonly configKeys: { readonly user: readonly string[]; readonly userGroup: readonly string[] }
  /** Who the target's adapter protects on its own, in words: "the token's user and …". */
  readonly automaticProtections: string
  /** The text fields of a user the target stores and this tool compares, in the order they are shown. */
  readonly userValueFields: readonly UserValueField[]
  /** Config keys a user must carry on this target (Opendatasoft invites by email). */
  readonly requiredUserKeys?: readonly string[]
  /** What an id may be: the target's own rule, where it is wider than the schema's common one. */
  readonly userIdRule?: IdRule
  /** Where users and groups hold permissions (Opendatasoft): the names the API knows, and the one that administers. */
  readonly permissions?: { readonly names: readonly string[]; readonly admin: string }
  /** How a declared entity is matched to a live one whose id differs (where the target, not the config, decides ids). */
  readonly identity?: Identity
  /** What deleting a user means on this target, said in the plan where it deletes one. */
  readonly userDeletionNote?: string
  /** The email defaults to the id (the legacy platform's login): an email equal to it is no email. */
  readonly emailDefaultsToId?: boolean
  /** Groups the config does not declare: deleted on a full load, or left alone with their members (the legacy platform). */
  readonly undeclaredGroups?: 'delete' | 'leave'
  /** Where users hold a project role: the role that administers the project, of which one enabled holder must stay. */
  readonly projectAdminRole?: string
}

/** How declared users and groups are matched to live ones whose id is not the declared one. */
export interface Identity {
  /** Users by email, case-insensitive (Opendatasoft invites derive usernames), or by id ignoring case (legacy logins). */
  readonly users?: 'email' | 'id-ignoring-case'
  /** Groups by title (Opendatasoft uids come from titles), or ignoring case (the legacy platform, whose group ids are opaque). */
  readonly groupTitles?: 'exact' | 'ignoring-case'
  /** Whether the plan says which id to write: where the target's id is also the config's (Opendatasoft). */
  readonly notices: boolean
}

/** A target's id rule: the pattern and how to say it. */
export interface IdRule {
  readonly pattern: RegExp
  readonly says: string
}

export type { UserValueField }
