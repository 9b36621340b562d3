import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_ORGANIZATION } from '../emulators/gooddata-cloud/demo-organization.js'
import { recordedOrganization } from '../support/cassettes.js'
import { group, organization, user } from '../support/scenario.js'
import { SCHEMA_FOLDER } from '../../src/core/export/render-export.js'
import { expectRoundTrip, projectRoot, setUp } from './export-scenario.js'

describe('export round trip: plan on the export shows no changes', () => {
  it('for the organization the cassettes were recorded against', async () => {
    const { cwd, exported } = await expectRoundTrip(recordedOrganization())
    expect(exported.stdout).toContain('wrote access/users.yaml')
    expect(readFileSync(join(cwd, 'access', 'users.yaml'), 'utf8')).toBe(
      [
        `# yaml-language-server: $schema=${SCHEMA_FOLDER}/users.schema.json`,
        'users:',
        '  - user_id: admin',
        '    user_groups: [adminGroup]',
        '  - user_id: demo',
        '    firstname: Demo',
        '    lastname: User',
        '    email: demo@example.com',
        '    auth_id: NORMALIZED_AUTH_ID',
        '    user_groups: [adminGroup]',
        '  - user_id: demo2',
        '    auth_id: NORMALIZED_AUTH_ID',
        '    user_groups: [demoGroup]',
        '',
      ].join('\n'),
    )
    expect(readFileSync(join(cwd, 'access', 'provisioning.yaml'), 'utf8')).toContain(
      '  users: [admin]\n  user_groups: [adminGroup]\n',
    )
  })

  it('for the demo organization after the demo applied examples/basic', async () => {
    const s = await setUp(DEMO_ORGANIZATION)
    expect(
      (await s.cli('apply', '--config', join(projectRoot, 'examples', 'basic'), '--host', s.emulator.url)).exitCode,
    ).toBe(0)
    const exported = await s.cli('export', '--out', 'access')
    expect(exported.exitCode).toBe(0)
    const planned = await s.cli('plan', '--config', 'access', '--detailed-exitcode')
    expect(planned.exitCode, planned.stdout).toBe(0)
  })

  it('for a generated organization of 10,000 users, in the per-group layout too', async () => {
    const userGroups = Array.from({ length: 1_000 }, (_, i) =>
      group(`g${i}`, i >= 10 ? [`g${Math.floor(i / 10) - 1}`] : [], i % 3 === 0 ? `Group ${i}` : undefined),
    )
    const users = Array.from({ length: 10_000 }, (_, i) =>
      user(`user.${i}`, [`g${i % 1_000}`, `g${(i * 7) % 1_000}`].filter((id, k, all) => all.indexOf(id) === k).sort(), {
        firstname: `First ${i}`,
        email: `user.${i}@example.com`,
        ...(i % 2 ? { authenticationId: `oidc|${i}` } : {}),
      }),
    )
    const seed = organization({ users, userGroups })
    await expectRoundTrip(seed)
    const { cwd } = await expectRoundTrip(seed, 'per-group')
    expect(existsSync(join(cwd, 'access', 'users', 'g0.yaml'))).toBe(true)
    // Every schema comment names a file the export wrote, relative to the file it is in: it resolves in an editor at once.
    for (const file of ['users.yaml', 'groups.yaml', 'provisioning.yaml', 'users/g0.yaml']) {
      const reference = /\$schema=(\S+)/.exec(readFileSync(join(cwd, 'access', file), 'utf8'))![1]!
      expect(existsSync(join(cwd, 'access', file, '..', reference)), `${file} → ${reference}`).toBe(true)
    }
  }, 60_000)

  it('for upstream data the config rules reject: written as comments, reported, left unmanaged', async () => {
    const seed = organization({
      users: [
        user('john doe', ['fine']),
        user('ok', ['loop-a']),
        user('bad-mail', [], { email: 'not an email' }),
        user('true', [], { firstname: '123' }),
      ],
      userGroups: [
        group('fine'),
        group('loop-a', ['loop-b']),
        group('loop-b', ['loop-a']),
        group('under-loop', ['loop-a']),
      ],
    })
    const { cwd, exported } = await expectRoundTrip(seed)
    expect(exported.stderr.split('\n').filter(Boolean)).toEqual([
      'not managed: user "bad-mail": its email "not an email" is not an address the config accepts (written as a comment; unmanaged in provisioning.yaml)',
      'not managed: user "john doe": its id "john doe" is not one the config accepts (1 to 255 of A-Z a-z 0-9 . _ -, not starting with ".") (written as a comment; unmanaged in provisioning.yaml)',
      'not managed: user "ok": it is a member of "loop-a", which cannot be managed (written as a comment; unmanaged in provisioning.yaml)',
      'not managed: user group "loop-a": its parents form a cycle (loop-a → loop-b → loop-a) (written as a comment; unmanaged in provisioning.yaml)',
      'not managed: user group "loop-b": its parents form a cycle (loop-a → loop-b → loop-a) (written as a comment; unmanaged in provisioning.yaml)',
      'not managed: user group "under-loop": its parent "loop-a" cannot be managed (written as a comment; unmanaged in provisioning.yaml)',
    ])
    const provisioning = readFileSync(join(cwd, 'access', 'provisioning.yaml'), 'utf8')
    expect(provisioning).toContain('  users: [bad-mail, john?doe, ok]\n  user_groups: [loop-a, loop-b, under-loop]\n')
    expect(readFileSync(join(cwd, 'access', 'users.yaml'), 'utf8')).toContain(
      '  - user_id: "true"\n    firstname: "123"\n',
    )
  })
})

describe('export', () => {
  it('refuses to overwrite existing files unless --force', async () => {
    const s = await setUp(organization())
    expect((await s.cli('export', '--out', 'access')).exitCode).toBe(0)
    const again = await s.cli('export', '--out', 'access')
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toMatch(
      /access\/groups\.yaml, access\/users\.yaml, access\/provisioning\.yaml, access\/schemas\/users\.schema\.json, access\/schemas\/groups\.schema\.json, access\/schemas\/provisioning\.schema\.json already exist; nothing was written \(pass --force to overwrite\)/,
    )
    expect((await s.cli('export', '--out', 'access', '--force')).exitCode).toBe(0)
  })

  it.each([
    [['export'], /--out DIR is required/],
    [['export', '--out', 'x', '--layout', 'flat'], /--layout "flat" is not supported; expected single or per-group/],
    [['export', '--out', 'x', '--token', 'abc'], /there is no --token option/],
  ])('%j is a usage error', async (argv, message) => {
    const s = await setUp(organization())
    const result = await s.cli(...argv)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toMatch(message)
  })
})
