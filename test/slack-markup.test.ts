// Reading a thread reply as Slack sends it: where it points ("Q7:"), which links it carries, its comment. Tables for
// the cases people meet, a fast-check property for what must hold whatever the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINKS_PER_REPLY } from '../src/flows/evidenceRules.js';
import { carriesEvidence, commentOf, extractLinks, parseTarget } from '../src/slack/markup.js';

describe('where a reply points', () => {
  it.each<[string, number | null, string]>([
    ['Q7: the SOC 2 report', 7, 'the SOC 2 report'],
    ['q12 - pen test', 12, 'pen test'],
    ['  Q3.  here', 3, 'here'],
    ['Q 4: spaced', 4, 'spaced'],
    ['Q7', 7, ''],
    ['Q7 is great', null, 'Q7 is great'],
    ['see Q7: later', null, 'see Q7: later'],
    ['Question 7:', null, 'Question 7:'],
  ])('%j', (text, position, rest) => {
    expect(parseTarget(text)).toEqual({ position, rest });
  });
});

describe('links in a reply', () => {
  it("reads Slack's link markup and bare URLs, unescapes them, and ignores mentions, channels and typed angle brackets", () => {
    expect(extractLinks('See <https://a.example/x?y=1&amp;z=2|the report> and <https://b.example/>.')).toEqual([
      { url: 'https://a.example/x?y=1&z=2', label: 'the report' },
      { url: 'https://b.example/', label: null },
    ]);
    expect(extractLinks('bare https://c.example/path), and (https://d.example/q?a=1&amp;b=2).')).toEqual([
      { url: 'https://c.example/path', label: null },
      { url: 'https://d.example/q?a=1&b=2', label: null },
    ]);
    // Typed by a person, "<https://evil.example|click>" arrives escaped: text, whose URL is still a link, never its label.
    expect(extractLinks('&lt;https://evil.example|click&gt;')).toEqual([{ url: 'https://evil.example', label: null }]);
    expect(extractLinks('<@U0BOB> <#C0VET|vet> <mailto:a@b.example> <!channel> no links here: http:// nope')).toEqual([]);
    expect(extractLinks('<https://a.example|https://a.example>')).toEqual([{ url: 'https://a.example', label: null }]);
  });

  it('returns only http(s) URLs, each once, at most MAX_LINKS_PER_REPLY, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.webUrl().map((u) => `<${u}>`),
            fc.webUrl(),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const links = extractLinks(parts.join(' '));
          expect(links.length).toBeLessThanOrEqual(MAX_LINKS_PER_REPLY);
          expect(new Set(links.map((l) => l.url)).size).toBe(links.length);
          for (const l of links) expect(l.url).toMatch(/^https?:\/\/\S+$/i);
        },
      ),
    );
  });

  it('knows whether a reply shares evidence, after its "Q7:", and keeps the comment as typed', () => {
    expect(carriesEvidence('Q7: <https://a.example>', 0)).toBe(true);
    expect(carriesEvidence('Q7: just words', 0)).toBe(false);
    expect(carriesEvidence('', 1)).toBe(true);
    expect(commentOf('see <https://a.example|the report> &amp; more')).toBe('see the report & more');
    expect(commentOf('  ')).toBeNull();
  });
});
