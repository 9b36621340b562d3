import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Writes a config tree of `users` users and `groups` groups (nested up to depth 4) into `dir`, in
 * block style, or with the users in flow style (one `{…}` per line, as JSON-minded tools write).
 */
export function generateConfigTree(
  dir: string,
  {
    users,
    groups,
    filesPerKind = 1,
    style = 'block',
  }: { users: number; groups: number; filesPerKind?: number; style?: 'block' | 'flow' },
) {
  mkdirSync(join(dir, 'users'), { recursive: true })
  mkdirSync(join(dir, 'groups'), { recursive: true })
  const groupId = (i: number) => `group-${String(i).padStart(6, '0')}`
  const groupChunks: string[][] = Array.from({ length: filesPerKind }, () => [])
  for (let i = 0; i < groups; i++) {
    // Group i's parent is i/10 for the first levels, so nesting stays within depth 4.
    const parent = i >= 10 && i < 11_110 ? `\n    parent_user_groups: [${groupId(Math.floor(i / 10) - 1)}]` : ''
    groupChunks[i % filesPerKind]!.push(`  - user_group_id: ${groupId(i)}\n    user_group_name: Group ${i}${parent}\n`)
  }
  for (const [k, chunk] of groupChunks.entries()) {
    writeFileSync(join(dir, 'groups', `part-${k}.yaml`), `user_groups:\n${chunk.join('')}`)
  }
  const userChunks: string[][] = Array.from({ length: filesPerKind }, () => [])
  for (let i = 0; i < users; i++) {
    const id = `user.${String(i).padStart(7, '0')}`
    const memberOf = [groupId(i % groups), groupId((i * 7 + 3) % groups)]
    const unique = [...new Set(memberOf)].join(', ')
    userChunks[i % filesPerKind]!.push(
      style === 'flow'
        ? `  {user_id: ${id}, firstname: First${i}, lastname: Last${i}, email: ${id}@example.com, auth_id: "oidc|${id}", user_groups: [${unique}]}`
        : `  - user_id: ${id}\n    firstname: First${i}\n    lastname: Last${i}\n    email: ${id}@example.com\n    auth_id: oidc|${id}\n    user_groups: [${unique}]\n`,
    )
  }
  for (const [k, chunk] of userChunks.entries()) {
    const text = style === 'flow' ? `users: [\n${chunk.join(',\n')}\n]\n` : `users:\n${chunk.join('')}`
    writeFileSync(join(dir, 'users', `part-${k}.yaml`), text)
  }
}
