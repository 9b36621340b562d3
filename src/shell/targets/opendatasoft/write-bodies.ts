import type { UserFields, UserGroupFields } from '../../../core/model/change.js'
import { carried, CARRIED_GROUP_FIELDS, CARRIED_USER_FIELDS, type GroupDocument, type UserDocument } from './wire.js'

/**
 * One user of an invite: the server derives the username from the e-mail, so none is sent.
 * No `groups`: memberships are `add-member` changes of their own, which the plan orders after the
 * user's creation and which name the username the server answered.
 */
export function inviteItem(fields: UserFields) {
  return { email: fields.email, ...names(fields), permissions: fields.permissions ?? [] }
}

/** One user provisioned through an identity provider: here the declared id is the username asked for. */
export function provisionItem(id: string, fields: UserFields, identityProvider: string) {
  return {
    username: id,
    email: fields.email,
    ...names(fields),
    permissions: fields.permissions ?? [],
    identity_provider: { uid: identityProvider },
  }
}

/**
 * The whole writable user for a PUT (wire facts §C O3: omission is never relied on): the managed
 * fields as they should be, an absent name sent empty to clear it; the groups exactly as just read,
 * as memberships change only through member changes; the fields this does not manage as read.
 */
export function userReplacement(current: UserDocument, after: UserFields) {
  return {
    ...carried(current, CARRIED_USER_FIELDS),
    email: after.email ?? current.email,
    first_name: after.firstname ?? '',
    last_name: after.lastname ?? '',
    permissions: after.permissions ?? current.permissions ?? [],
    groups: (current.groups ?? []).map((group) => ({ uid: group.uid })),
  }
}

/** A new group: its uid is the server's to choose (wire facts §C O4), so only the title and permissions. */
export function newGroup(fields: UserGroupFields) {
  return { title: fields.name, permissions: fields.permissions ?? [] }
}

/** The whole writable group for a PUT: title and permissions as they should be, the description and limits as read. */
export function groupReplacement(current: GroupDocument, after: UserGroupFields) {
  return {
    ...carried(current, CARRIED_GROUP_FIELDS),
    title: after.name,
    permissions: after.permissions ?? current.permissions ?? [],
  }
}

/** First and last name where declared: an invite or provision has nothing to clear. */
function names(fields: UserFields) {
  return {
    ...(fields.firstname === undefined ? {} : { first_name: fields.firstname }),
    ...(fields.lastname === undefined ? {} : { last_name: fields.lastname }),
  }
}
