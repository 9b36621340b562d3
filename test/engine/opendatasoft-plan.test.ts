import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { renderPlanJson } from '../../src/core/render/render-plan-json.js'
import { renderPlanMarkdown } from '../../src/core/render/render-plan-markdown.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import { OPENDATASOFT } from '../../src/core/targets/profiles.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const ods = (users: Parameters<typeof desiredState>[0], groups: Parameters<typeof desiredState>[1]) =>
  desiredState(users, groups, { target: { type: 'opendatasoft' } })
const text = (plan: ReturnType<typeof computePlan>) =>
  renderPlanText(plan, { config: 'config', host: 'https://acme.opendatasoft.com' }, { color: false })

// The domain: an admin through a group, a publisher, and a staff account that holds edit_domain itself.
const live = actualState(
  [
    actualUser('admin', { email: 'admin@acme.example', userGroups: ['domain_admins'] }),
    actualUser('ann_2', { email: 'Ann@Acme.example', userGroups: ['publishers'], permissions: ['edit_page'] }),
    actualUser('ods.support', { email: 'support@opendatasoft.example', permissions: ['edit_domain'] }),
  ],
  [
    actualGroup('domain_admins', { ref: 'domain_admins', name: 'Domain admins', permissions: ['edit_domain'] }),
    actualGroup('publishers', { ref: 'publishers', name: 'Publishers', permissions: ['publish_dataset'] }),
  ],
  [{ kind: 'user', id: 'ods.support', reason: 'an Opendatasoft staff account (is_ods)' }],
)

describe('planning for Opendatasoft', () => {
  it('compares permissions as sets of users and groups, and shows what a user gains through a group', () => {
    const desired = ods(
      [
        desiredUser('admin', { email: 'admin@acme.example', userGroups: ['domain_admins'] }),
        desiredUser('ann_2', {
          email: 'Ann@Acme.example',
          userGroups: ['publishers', 'editors'],
          permissions: ['create_page'],
        }),
      ],
      [
        desiredGroup('domain_admins', { name: 'Domain admins', permissions: ['edit_domain'] }),
        desiredGroup('publishers', { name: 'Publishers', permissions: ['publish_dataset', 'edit_dataset'] }),
        desiredGroup('editors', { name: 'Editors', permissions: ['edit_page'] }),
      ],
    )
    const plan = computePlan(desired, live, { profile: OPENDATASOFT })
    expect(plan.blocked).toBe(false)
    const lines = text(plan)
    expect(lines).toContain('  + create user group editors  (user_group_name: "Editors", permissions: "edit_page")')
    expect(lines).toContain('  ~ update user group publishers\n      permissions: +"edit_dataset"')
    expect(lines).toContain('  ~ update user ann_2\n      permissions: +"create_page" −"edit_page"')
    expect(lines).toContain('  ~ add user ann_2 to user group editors')
    // edit_page moves from a direct grant to the new group: she keeps it, so only the gains show.
    expect(lines).toContain('  ann_2: +editors; permissions +create_page, +edit_dataset (via publishers)')
    expect(renderPlanMarkdown(plan, { config: 'config', host: 'h' })).toContain(
      'gains permission <code>edit&#95;dataset</code> via <code>publishers</code>',
    )
    expect(computePlan(desired, live, { profile: OPENDATASOFT }).hash).toBe(plan.hash)
  })

  it('takes a declared user for the live one with the same email, and a group for the one with the same title, and says which id to write', () => {
    const desired = ods(
      [
        desiredUser('admin', { email: 'admin@acme.example', userGroups: ['domain_admins'] }),
        desiredUser('ann', {
          email: 'ann@acme.example',
          firstname: 'Ann',
          userGroups: ['publishing-team'],
          permissions: ['edit_page'],
        }),
      ],
      [
        desiredGroup('domain_admins', { name: 'Domain admins', permissions: ['edit_domain'] }),
        desiredGroup('publishing-team', { name: 'Publishers', permissions: ['publish_dataset'] }),
      ],
    )
    const plan = computePlan(desired, live, { profile: OPENDATASOFT })
    expect(plan.changes.map(({ change }) => `${change.action} ${change.id}`)).toEqual(['update ann_2'])
    expect(plan.idNotices.map(({ kind, declared, live: id, by }) => `${kind} ${declared} → ${id} by ${by}`)).toEqual([
      'user ann → ann_2 by email',
      'userGroup publishing-team → publishers by title',
    ])
    expect(text(plan)).toContain(
      'user ann is ann_2 on Opendatasoft (the same email); the plan treats it as that one: write user_id: ann_2',
    )
    expect(JSON.parse(renderPlanJson(plan)).id_notices).toHaveLength(2)
  })

  it('does not count a user it invites as the administrator that stays: they administer nothing until they accept', () => {
    const desired = ods([desiredUser('newadmin', { email: 'new@acme.example', permissions: ['edit_domain'] })], [])
    expect(computePlan(desired, live, { profile: OPENDATASOFT }).blockedReasons).toContain(
      'after this plan no user would hold edit_domain, directly or through a group: the domain would be left without an administrator; keep edit_domain for at least one user',
    )
  })

  it('reaches a live user with another id through a tombstone with its email, on an incremental load too', () => {
    const desired = desiredState([desiredUser('ann', { email: 'ann@acme.example', isActive: false })], [], {
      target: { type: 'opendatasoft' },
      load: 'incremental',
    })
    expect(
      computePlan(desired, live, { profile: OPENDATASOFT }).changes.map(
        ({ change }) => `${change.action} ${change.id}`,
      ),
    ).toEqual(['delete ann_2'])
  })

  it('blocks a plan that leaves no administrator, not counting staff accounts', () => {
    const desired = ods(
      [desiredUser('ann_2', { email: 'Ann@Acme.example', userGroups: ['publishers'], permissions: ['edit_page'] })],
      [
        desiredGroup('domain_admins', { name: 'Domain admins' }),
        desiredGroup('publishers', { name: 'Publishers', permissions: ['publish_dataset'] }),
      ],
    )
    const plan = computePlan(desired, live, { profile: OPENDATASOFT })
    expect(plan.blockedReasons).toContain(
      'after this plan no user would hold edit_domain, directly or through a group: the domain would be left without an administrator; keep edit_domain for at least one user',
    )
    expect(plan.skipped).toEqual([
      {
        kind: 'user',
        id: 'ods.support',
        reason: 'protected: an Opendatasoft staff account (is_ods)',
        wouldHave: 'delete',
      },
    ])
    expect(text(plan)).toContain(
      'Note: deleting removes the user from this domain only; their Opendatasoft account stays.',
    )
  })
})

describe('how Opendatasoft creates users is part of the plan', () => {
  const withCreation = (opendatasoft: { createUsersBy: 'invite' | 'provision'; identityProvider?: string }) =>
    desiredState(
      [
        desiredUser('admin', { email: 'admin@acme.example', userGroups: ['domain_admins'] }),
        desiredUser('new', { email: 'new@acme.example' }),
      ],
      [desiredGroup('domain_admins', { name: 'Domain admins', permissions: ['edit_domain'] })],
      {
        target: { type: 'opendatasoft', opendatasoft },
      },
    )

  it('says it where users are created, and hashes it, so switching to provisioning cannot go unseen', () => {
    const invite = computePlan(withCreation({ createUsersBy: 'invite' }), live, { profile: OPENDATASOFT })
    const provision = computePlan(withCreation({ createUsersBy: 'provision', identityProvider: 'corp-saml' }), live, {
      profile: OPENDATASOFT,
    })
    const other = computePlan(withCreation({ createUsersBy: 'provision', identityProvider: 'other-idp' }), live, {
      profile: OPENDATASOFT,
    })
    expect(text(invite)).toContain('Note: new users are invited: Opendatasoft emails each of them an invitation.')
    expect(text(provision)).toContain(
      'Note: new users are provisioned at once, signing in through the identity provider "corp-saml", with no invitation.',
    )
    expect(new Set([invite.hash, provision.hash, other.hash]).size).toBe(3)
    expect(renderPlanMarkdown(provision, { config: 'c', host: 'h' })).toContain(
      '> On Opendatasoft, new users are provisioned at once',
    )
  })
})
