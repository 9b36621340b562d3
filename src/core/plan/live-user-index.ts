import type { ActualUser } from '../model/actual-state.js'

/**
 * The live users by id, remembering which ids the config declares: one map of every user where a
 * second, of the declared ones, was built only to ask which live users it lacks. At 100,000 users
 * each such map costs more than most of the plan's other work.
 */
export class LiveUserIndex {
  private readonly byId = new Map<string, number>()
  private readonly declared: Uint8Array

  constructor(private readonly users: readonly ActualUser[]) {
    for (let i = 0; i < users.length; i++) this.byId.set(users[i]!.id, i)
    this.declared = new Uint8Array(users.length)
  }

  /** The live user with this id (the last one, should the id be listed twice), now counted as declared. */
  declare(id: string): ActualUser | undefined {
    const at = this.byId.get(id)
    if (at === undefined) return undefined
    this.declared[at] = 1
    return this.users[at]
  }

  /** The live user with this id, without counting it as declared. */
  get(id: string): ActualUser | undefined {
    const at = this.byId.get(id)
    return at === undefined ? undefined : this.users[at]
  }

  /** The live users whose id no declaration named, in their order. */
  undeclared(): ActualUser[] {
    const unique = this.byId.size === this.users.length
    return this.users.filter((user, i) => this.declared[unique ? i : this.byId.get(user.id)!] === 0)
  }
}
