/**
 * A group's uid from its title (wire facts §C O4): lower-case, every run of characters other than
 * a-z and 0-9 becomes one `_`. Two choices of ours on top of O4: accents are dropped first
 * ("Équipe" → "equipe"), and runs collapse with the ends trimmed, so "Sales (EMEA)" is `sales_emea`,
 * not `sales__emea_`. The spec's one example, "Content Designers" → `content_designers`, holds either way.
 */
export function groupUidBase(title: string): string {
  const plain = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
  return plain.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'group'
}

/**
 * An invited user's username: the e-mail's local part, lower-cased, characters outside
 * `a-z 0-9 . _ -` turned into `_`. Assumption: the real server keeps the username of an existing
 * global account, or the one its owner picks when signing up; the emulator cannot know either,
 * so it derives one that is deterministic, and unique through `unique`.
 */
export function usernameBase(email: string): string {
  const local = email.slice(0, Math.max(0, email.lastIndexOf('@'))) || email
  return local.toLowerCase().replace(/[^a-z0-9._-]/g, '_') || 'user'
}

/** `base`, or the first of `base_2`, `base_3`… not taken: the de-duplication of O4, used for usernames too. */
export function unique(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base
  let n = 2
  while (taken(`${base}_${n}`)) n++
  return `${base}_${n}`
}
