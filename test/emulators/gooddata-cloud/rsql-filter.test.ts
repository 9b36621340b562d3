import { describe, expect, it } from 'vitest'
import { RequestRejected } from './problem-answers.js'
import { compileRsqlFilter, type FilterFields } from './rsql-filter.js'

interface Person {
  readonly id: string
  readonly name?: string
  readonly groups: readonly string[]
}

const PEOPLE: readonly Person[] = [
  { id: 'ann', name: 'Ann Lee', groups: ['a', 'b'] },
  { id: 'bob', name: 'Bob', groups: ['b'] },
  { id: 'cy', groups: [] },
  { id: 'dee.o', name: "Dee O'Hara", groups: ['c'] },
]
const FIELDS: FilterFields<Person> = {
  id: (person) => person.id,
  name: (person) => person.name,
  'groups.id': (person) => person.groups,
}

const matching = (filter: string) => PEOPLE.filter(compileRsqlFilter(filter, FIELDS)!).map((person) => person.id)

function rejection(filter: string): string {
  try {
    compileRsqlFilter(filter, FIELDS)
  } catch (error) {
    if (error instanceof RequestRejected && error.status === 400) return error.detail
    throw error
  }
  throw new Error(`${filter} was accepted`)
}

describe('compileRsqlFilter', () => {
  it.each([
    ['id==ann', ['ann']],
    ['id!=ann', ['bob', 'cy', 'dee.o']],
    ['id=in=(ann,cy)', ['ann', 'cy']],
    ['id=out=(ann,cy)', ['bob', 'dee.o']],
    ['id==ann,id==bob', ['ann', 'bob']],
    ['groups.id==b;id!=bob', ['ann']],
    // ; binds tighter than , as in rsql-parser.
    ['id==cy,groups.id==b;id==bob', ['bob', 'cy']],
    ['(id==cy,groups.id==b);id==bob', ['bob']],
    ['id==cy or groups.id==c', ['cy', 'dee.o']],
    ['groups.id==b and name==Bob', ['bob']],
    ['name=="Ann Lee"', ['ann']],
    ["name=='Dee O\\'Hara'", ['dee.o']],
    ['name=like=*e*', ['ann', 'dee.o']],
    ['name=likeic=b*', ['bob']],
    ['name=containsic=LEE', ['ann']],
    ['name=isnull=true', ['cy']],
    ['groups.id=isnull=false;groups.id!=b', ['dee.o']],
    ['groups.id=out=(a,c)', ['bob', 'cy']],
  ])('%s keeps %j', (filter, expected) => {
    expect(matching(filter)).toEqual(expected)
  })

  it('is undefined when there is no filter', () => {
    expect(compileRsqlFilter(null, FIELDS)).toBeUndefined()
    expect(compileRsqlFilter('', FIELDS)).toBeUndefined()
  })

  it.each([
    ['email==a', 'Unknown property "email" in parameter "filter"; known: id, name, groups.id.'],
    ['id=ge=a', /^Operator "=ge=" in parameter "filter" is not supported by the emulator; supported: == != =in=/],
    ['id<a', /^Operator "<" in parameter "filter" is not supported/],
    ['id==(a,b)', 'Operator "==" on "id" takes one argument, not a list.'],
    ['id==a*', 'Wildcards are not supported with "=="; use =like= for "a*".'],
    ['name=isnull=maybe', 'Operator "=isnull=" on "name" takes true or false, not "maybe".'],
    [
      'id',
      'Invalid RSQL in parameter "filter" at character 3: expected a comparison operator such as == or =in=, found the end.',
    ],
    ['(id==a', 'Invalid RSQL in parameter "filter" at character 7: expected ")", found the end.'],
    ['id==a)', 'Invalid RSQL in parameter "filter" at character 6: expected a logical operator ";" or ",", found ")".'],
    ['id=="a', 'Invalid RSQL in parameter "filter" at character 7: expected a closing ", found the end.'],
    [
      'id=in=(a;b)',
      'Invalid RSQL in parameter "filter" at character 9: expected "," or ")" in the list of arguments, found ";b)".',
    ],
  ])('%s is refused: %s', (filter, detail) => {
    expect(rejection(filter)).toMatch(detail)
  })
})
