import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_STEM_LENGTH, nameUserFiles } from '../../src/core/export/name-user-files.js'

const g = (length: number) => 'g'.repeat(length)

describe('nameUserFiles: per-group file names are bounded, safe and unique', () => {
  it.each<[string, (string | undefined)[], string[]]>([
    [
      'short safe ids are their own names',
      ['analysts', 'data-engineers', 'Team_1.eu'],
      ['analysts', 'data-engineers', 'Team_1.eu'],
    ],
    ['users without a group go to _no-group', ['analysts', undefined], ['analysts', '_no-group']],
    [
      'ids differing only in case both get a hash',
      ['Admins', 'admins', 'ADMINS2'],
      ['Admins-8273a67b', 'admins-fa956b80', 'ADMINS2'],
    ],
    ['a group named like the no-group file gets a hash', ['_NO-GROUP', undefined], ['_NO-GROUP-0b2e853e', '_no-group']],
    ['the no-group name is free when no user lacks a group', ['_no-group'], ['_no-group']],
    ['100 characters is short enough', [g(100)], [g(100)]],
    ['101 and 255 characters are cut to 100 with a hash', [g(101), g(255)], [`${g(91)}-66c59f40`, `${g(91)}-77cb7c50`]],
    [
      'Windows device names get a hash',
      ['con', 'Aux.team', 'com1', 'console'],
      ['_con-1143da2b', '_Aux.team-ffc4b4a8', '_com1-957a49c3', 'console'],
    ],
    ['hidden and option-like names get a hash', ['.hidden', '-dash'], ['hidden-16924190', 'dash-b693fbbf']],
    ['unsafe characters are replaced', ['a/b', 'a b', '日本'], ['a_b-c14cddc0', 'a_b-c8687a08', '__-cf2abf0c']],
    [
      'an id that looks like a hashed name',
      ['admins', 'Admins', 'admins-fa956b80'],
      ['admins-fa956b808c8f8e3b', 'Admins-8273a67b', 'admins-fa956b80-1a260eff'],
    ],
  ])('%s', (_, ids, stems) => {
    expect([...nameUserFiles(ids).values()]).toEqual(stems)
  })

  it('are distinct ignoring case and at most 100 characters, for any ids', () => {
    const id = fc.oneof(
      fc.stringMatching(/^[.A-Za-z0-9_-]{1,255}$/),
      fc.constantFrom('a', 'A', '_no-group', 'CON', 'x-2d711642'),
      fc.string({ minLength: 1 }),
    )
    fc.assert(
      fc.property(fc.uniqueArray(fc.option(id, { nil: undefined }), { maxLength: 12 }), (ids) => {
        const stems = [...nameUserFiles(ids).values()]
        expect(new Set(stems.map((stem) => stem.toLowerCase())).size).toBe(ids.length)
        for (const stem of stems)
          expect(stem).toMatch(new RegExp(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,${MAX_STEM_LENGTH - 1}}$`))
      }),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? '60') * 5 },
    )
  })
})
