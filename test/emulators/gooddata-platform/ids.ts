import { seededRandom } from '../shared/seeded-random.js'

const HEX = '0123456789abcdef'
export const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Random strings from a seeded sequence: the same seed and the same requests give the same ids. */
export class IdSource {
  private readonly random: () => number

  constructor(seed: number) {
    this.random = seededRandom(seed)
  }

  chars(alphabet: string, length: number): string {
    return Array.from({ length }, () => alphabet[Math.floor(this.random() * alphabet.length)]).join('')
  }

  /** 32 lowercase hex, as every recorded profile id (wire facts §A0). */
  profileId(): string {
    return this.chars(HEX, 32)
  }

  /** `b` and 22 base64url characters, as every recorded user-group id (wire facts §A0). */
  groupId(): string {
    return `b${this.chars(BASE64URL, 22)}`
  }

  /** The real tokens' form was scrubbed from every recording; these say plainly where they come from. */
  token(kind: 'sst' | 'tt'): string {
    return `emulator-${kind}-${this.chars(BASE64URL, 24)}`
  }
}

/** Timestamps one second apart from 2024-01-01, in the platform's zone-less "YYYY-MM-DD HH:MM:SS" (wire facts §A0). */
export class Ticks {
  private ticks = 0

  now(): string {
    return new Date(Date.UTC(2024, 0, 1) + 1000 * this.ticks++).toISOString().slice(0, 19).replace('T', ' ')
  }
}
