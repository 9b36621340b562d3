import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computePlan } from '../../src/core/plan/compute-plan.js'
import { changeDigest } from '../../src/core/plan/plan-hash.js'
import { codeMarkdown, escapeMarkdown, hiddenMarker, readHiddenMarker } from '../../src/core/render/escape-markdown.js'
import { COMMENT_LIMIT, renderPlanComment, renderPlanMarkdown } from '../../src/core/render/render-plan-markdown.js'
import { renderPlanText } from '../../src/core/render/render-plan-text.js'
import { actualGroup, actualState, actualUser, desiredGroup, desiredState, desiredUser } from '../support/states.js'

const context = { config: 'access', host: 'https://analytics.example.com' }

describe('Markdown escaping', () => {
  it('makes HTML, Markdown, mentions and line breaks inert', () => {
    const hostile = '</details><img src=x onerror=alert(1)> **bold** [link](http://x) @org/team #1 `code` | pipe\nnext'
    const escaped = escapeMarkdown(hostile)
    expect(escaped.replace(/<!-- -->/g, '').replace(/&#?\w+;/g, '')).not.toMatch(/[<>*[\]`|@#\n]/)
    expect(escaped).toBe(
      '&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; &#42;&#42;bold&#42;&#42; &#91;link&#93;(http&#58;<!-- -->//x) &#64;<!-- -->org/team &#35;<!-- -->1 &#96;code&#96; &#124; pipe next',
    )
    expect(codeMarkdown('a<b')).toBe('<code>a&lt;b</code>')
  })

  it.each([
    ['www.evil.example', 'w<!-- -->ww.evil.example'],
    ['WWW.evil.example', 'W<!-- -->WW.evil.example'],
    ['https://evil.example/x', 'https&#58;<!-- -->//evil.example/x'],
    ['mail me@evil.example', 'mail me&#64;<!-- -->evil.example'],
    ['see #42', 'see &#35;<!-- -->42'],
    ['see GH-42 and gh-7', 'see G<!-- -->H-42 and g<!-- -->h-7'],
    ['math $x^2$', 'math &#36;x^2&#36;'],
    ['admin\u202Egnp.exe', 'admin&#92;u202Egnp.exe'],
    ['zero\u200Bwidth', 'zero&#92;u200Bwidth'],
    ['bell\u0007 and csi\u009b', 'bell&#92;u0007 and csi&#92;u009B'],
  ])('neutralises %j: no autolink, mention, reference or invisible character survives', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected)
  })

  it('answers text with nothing to escape as it is, exactly as the full escaping would', () => {
    // Prefixed with `&`, a text takes the full path whatever it holds; the prefix escapes on its own.
    const full = (text: string) => escapeMarkdown(`&${text}`).slice('&amp;'.length)
    const characters = 'aAzZ09 .,()/+=$%^{}-wWgGhH:@#&<>|_*`~[]!\\\n\u202e'
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...characters), maxLength: 12 }), (text) => {
        expect(escapeMarkdown(text)).toBe(full(text))
      }),
      { numRuns: 2_000 },
    )
    expect(escapeMarkdown('user.0000001 (Group 1)')).toBe('user.0000001 (Group 1)')
    expect(escapeMarkdown('www.example.com')).toBe('w<!-- -->ww.example.com')
  })

  it('keeps the marker a single HTML comment whatever the values, and reads it back', () => {
    const marker = hiddenMarker({ config: 'x --> <script>', host: 'h', hash: 'abc' })
    expect(marker.match(/-->/g)).toHaveLength(1)
    expect(readHiddenMarker(`${marker}\nmore`)).toEqual({ config: 'x --> <script>', host: 'h', hash: 'abc' })
    // A marker further down is quoted text, not ours.
    expect(readHiddenMarker(`> quoted\n${marker}\nmore`)).toBeUndefined()
    expect(readHiddenMarker('no marker here')).toBeUndefined()
  })

  it('renders a user whose name tries to break the comment as plain text', () => {
    const plan = computePlan(
      desiredState(
        [desiredUser('u', { firstname: '</details><!-- x --> ::set-output name=a::b' })],
        [desiredGroup('g')],
      ),
      actualState([], []),
    )
    const markdown = renderPlanMarkdown(plan, context)
    expect(markdown.match(/<\/details>/g)?.length).toBe(markdown.match(/<details/g)?.length)
    expect(markdown).not.toContain('<!-- x -->')
    expect(markdown).not.toContain('::set-output')
  })
})

describe('the PR comment', () => {
  it('shows the summary table, each change on one line with before → after, and the marker', () => {
    const plan = computePlan(
      desiredState([desiredUser('ann', { email: 'new@example.com', userGroups: ['g'] })], [desiredGroup('g')]),
      actualState([actualUser('ann', { email: 'old@example.com' }), actualUser('gone')], [actualGroup('g')]),
    )
    expect(renderPlanComment(plan, context)).toBe(
      [
        `<!-- user-provisioning-action {"config":"access","host":"https://analytics.example.com","hash":"${plan.hash}","changes":"${plan.changes.map(({ change }) => changeDigest(change)).join(' ')}"} -->`,
        '### User provisioning plan: <code>access</code> → https&#58;<!-- -->//analytics.example.com',
        '',
        '| | create | update | delete |',
        '|---|---:|---:|---:|',
        '| users | 0 | 1 | 1 |',
        '| user groups | 0 | 0 | 0 |',
        '',
        '> [!WARNING]',
        '> This plan **deletes 1** entry: <code>gone</code>.',
        '',
        '<details open><summary>Users: 1 to update, 1 to delete</summary>',
        '',
        '| | user | change |',
        '|---|---|---|',
        '| ➖ | <code>gone</code> | **delete** |',
        '| ✏️ | <code>ann</code> | email: <code>old&#64;<!-- -->example.com</code> → <code>new&#64;<!-- -->example.com</code>; user_groups: +<code>g</code> |',
        '',
        '</details>',
        '',
        '<details><summary>Effective access: 1 user gains or loses groups</summary>',
        '',
        '- <code>ann</code>: gains <code>g</code>',
        '',
        '</details>',
        '',
        `<sub>full load · 1 to update, 1 to delete · 1 unchanged · plan hash <code>${plan.hash.slice(0, 12)}</code></sub>`,
        '',
      ].join('\n'),
    )
  })

  it('stays under the limit by collapsing rows, and says the full plan is in the job summary', () => {
    const users = Array.from({ length: 5_000 }, (_, i) =>
      desiredUser(`user.${i}`, {
        firstname: `First ${i}`,
        lastname: `Last ${i}`,
        email: `user.${i}@example.com`,
        userGroups: ['g'],
      }),
    )
    const plan = computePlan(desiredState(users, [desiredGroup('g')]), actualState([], []))
    const full = renderPlanMarkdown(plan, context)
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT)
    const comment = renderPlanComment(plan, context)
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const cut = /… (\d+) more not shown here \(\1 to create\); the full plan is in the job summary\./.exec(comment)
    expect(cut).not.toBeNull()
    expect(comment).toContain(`· ${cut![1]} rows not shown</sub>`)
    expect(comment).toContain('| users | 5000 | 0 | 0 |')
  })
})

describe('terminal text', () => {
  it('uses colour only when asked', () => {
    const plan = computePlan(desiredState([desiredUser('u')], [desiredGroup('g')]), actualState([], []))
    expect(renderPlanText(plan, context, { color: false })).not.toContain('\u001b[')
    expect(renderPlanText(plan, context, { color: true })).toContain('\u001b[32m  + create user u')
  })
})
