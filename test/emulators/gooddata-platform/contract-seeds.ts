import { projectIds, readCassette, type Interaction } from './cassette-replay.js'
import type { GroupSeed, PlatformSeed, UserSeed } from './server.js'
import { roleById } from './role-catalog.js'

/** Every seeded user's password, standing in for the recordings' `<PASSWORD>`. */
export const CONTRACT_PASSWORD = 'contract-password'

/** The SDK's admin, who made the recordings: the domain admin and a project admin. */
export const RECORDED_ADMIN: UserSeed = {
  login: 'rubydev+admin@gooddata.com',
  id: '5ad80b895edcc438e5a4418e222733fa',
  password: CONTRACT_PASSWORD,
  firstName: 'the',
  lastName: '1',
  domainAdmin: true,
  ssoProvider: 'test-ruby',
  authenticationModes: ['PASSWORD', 'SSO'],
  role: 'adminRole',
}

/** The users and groups the recorded requests name, by profile id or login, as the recordings show them. */
const user = (id: string, login: string, fields: Omit<UserSeed, 'id' | 'login'> = {}): UserSeed => ({
  id,
  login,
  password: CONTRACT_PASSWORD,
  firstName: 'the',
  lastName: login.split('@')[0]!,
  ...fields,
})
const transfers = [4, 1, 0, 3, 2].map((n) =>
  user(`${'7'.repeat(31)}${n}`, `gemtest-transfers+groups+from+hashes-${n}@gooddata.com`, { role: 'editorRole' }),
)
const group = (id: string, name: string, description?: string): GroupSeed => ({
  id,
  name,
  ...(description === undefined ? {} : { description }),
})
const TEST_GROUP = group('bLUrfsF7kWLeDzHZvQr3tCg', 'My Test Group', 'My Test Description')
const GROUP_1 = group('bxRpcxSQWc788Y17D7IqwxQ', 'group_1')
const GROUP_2 = group('buQ8m3J3eu4psK0CQNDlSlA', 'group_2')

/** What each cassette needs beyond the admin; the lists are seeded from what they recorded. */
const NEEDS: Readonly<Record<string, () => Pick<PlatformSeed, 'users' | 'groups'>>> = {
  'auth_tt_expired_then_refreshed.yaml': () => ({
    users: [user('cfd2542905449e1413e013bdf2419ffa', 'gemtest-roles@gooddata.com', { role: 'editorRole' })],
  }),
  'domain_users_forbidden_non_admin.yaml': () => ({
    users: [user('e0b41a016c340905cd85e47ac4930c41', 'gemtest_871382_persistent@gooddata.com')],
  }),
  'domain_users_list_page.yaml': () => ({ users: recordedDomainUsers(readCassette('domain_users_list_page.yaml')) }),
  'profile_delete.yaml': () => ({ users: [user('b098706e0f6df2f2dd9823f8ab4dd57e', 'gemtest_64609@gooddata.com')] }),
  'profile_put.yaml': () => ({
    users: [
      user('3173b7803c558e81bb881b289e65b3bc', 'gemtest-when+validating+mufs+via+report+computation-0@gooddata.com', {
        role: 'editorRole',
      }),
    ],
  }),
  'project_user_roles_and_role_detail.yaml': () => ({
    users: [user('f67ab9ed91aa1a98e9cf735185bf695a', 'gemtest-roles@gooddata.com', { role: 'adminRole' })],
  }),
  'project_users_add_batch_by_login_uri.yaml': () => ({ users: transfers }),
  'project_users_add_single.yaml': () => ({
    users: [user('f825c27211c28b4d1f47132a4dc66b75', 'gemtest-single@gooddata.com')],
  }),
  'project_users_disable_batch.yaml': () => ({ users: transfers }),
  'project_users_list.yaml': () => ({ users: recordedProjectUsers(readCassette('project_users_list.yaml')) }),
  'user_group_members_add_remove.yaml': () => ({ groups: [TEST_GROUP] }),
  'user_group_members_set.yaml': () => ({
    groups: [TEST_GROUP, group('baEf8aEsu7ldpZZ6zgY25_w', 'new_group', 'new_group'), GROUP_2],
  }),
  'user_group_update.yaml': () => ({ groups: [TEST_GROUP] }),
  'user_groups_list.yaml': () => ({ groups: [TEST_GROUP, GROUP_2, GROUP_1] }),
}

/**
 * The seed a cassette's requests make sense against: the recording domain, its first project
 * (every other project id it names is replayed as that one), the admin and what NEEDS adds.
 */
export function contractSeed(name: string, interactions: readonly Interaction[]): PlatformSeed {
  const needs = NEEDS[name]?.() ?? {}
  const others = (needs.users ?? []).filter((each) => each.id !== RECORDED_ADMIN.id)
  return {
    domain: 'staging2-lcm-prod',
    project: projectIds(interactions)[0] ?? 'nopr0ject0000000000000000000000a',
    users: [RECORDED_ADMIN, ...others],
    ...(needs.groups ? { groups: needs.groups } : {}),
  }
}

type RecordedAccount = {
  accountSetting: Pick<Required<UserSeed>, 'login' | 'email' | 'firstName' | 'lastName' | 'authenticationModes'> & {
    links: { self: string }
    ssoProvider?: string | null
  }
}

function recordedDomainUsers(interactions: readonly Interaction[]): UserSeed[] {
  const { items } = (interactions[0]!.response.body.string as { accountSettings: { items: RecordedAccount[] } })
    .accountSettings
  return items.map(
    ({ accountSetting: { links, login, email, firstName, lastName, authenticationModes, ssoProvider } }) => ({
      id: links.self.split('/').pop()!,
      ...{ login, email, firstName, lastName, authenticationModes },
      ...(ssoProvider ? { ssoProvider } : {}),
    }),
  )
}

type RecordedMember = {
  user: {
    content: {
      login: string
      email: string
      firstname: string
      lastname: string
      status: 'ENABLED' | 'DISABLED'
      userRoles: string[]
    }
    links: { self: string }
  }
}

function recordedProjectUsers(interactions: readonly Interaction[]): UserSeed[] {
  const { users } = interactions[0]!.response.body.string as { users: RecordedMember[] }
  return users.map(({ user: { content, links } }) => ({
    id: links.self.split('/').pop()!,
    login: content.login,
    email: content.email,
    firstName: content.firstname,
    lastName: content.lastname,
    role: roleById(Number(content.userRoles[0]!.split('/').pop()))!.identifier,
    status: content.status,
  }))
}
