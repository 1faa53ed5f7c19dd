// Message text as Slack sends it (escaped, with `<url|label>` links and `<@U…>` mentions), read into what the flows
// take: the question a thread reply names, its text, and the links it shares. The flows never see Slack's markup.
import type { SharedLink, ThreadReply } from '../flows/evidence/types.js';
import { MAX_LINKS_PER_REPLY } from '../flows/evidenceRules.js';

/** Slack sends message text with &, < and > escaped; what a person typed is the text without them. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A reply that starts with "Q7:" (or "q7 -", "Q7." ...) points at the seventh question asked; the rest is its text. */
export function parseTarget(text: string): { position: number | null; rest: string } {
  const m = /^\s*q\s?(\d{1,3})\s*(?:[:.)\-–—]|$)\s*/i.exec(text);
  if (!m) return { position: null, rest: text.trim() };
  return { position: Number(m[1]), rest: text.slice(m[0].length).trim() };
}

/** Characters that end a bare URL typed in text; a closing bracket or quote is the sentence's, not the URL's. */
const TRAILING = /[.,;:!?)\]}'"”’]+$/;

/** Slack's link markup: `<url>` or `<url|label>`, in text as Slack sends it. */
const MARKED = /<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>/gi;

/**
 * The http(s) links of a message, from its text as Slack sends it (escaped): Slack marks links as `<url>` or
 * `<url|label>`, while a person typing "<https://x>" arrives as `&lt;https://x&gt;`, which is text. A bare URL (the
 * sandbox, or a client that did not link it) counts too. Mentions and channel links (`<@U…>`, `<#C…>`) are not links.
 * Each once, in order, at most MAX_LINKS_PER_REPLY.
 */
export function extractLinks(slackText: string): SharedLink[] {
  const found: SharedLink[] = [];
  const add = (url: string, label: string | null) => {
    if (found.length < MAX_LINKS_PER_REPLY && !found.some((l) => l.url === url)) found.push({ url, label: label && label !== url ? label : null });
  };
  for (const m of slackText.matchAll(MARKED)) add(unescapeSlack(m[1]!), m[2]?.trim() ? unescapeSlack(m[2].trim()) : null);
  const rest = slackText.replace(MARKED, ' ');
  for (const m of rest.matchAll(/(?:^|[^\w/])(https?:\/\/[^\s<>|"'`]+)/gi)) {
    const url = unescapeSlack(m[1]!.split(/&lt;|&gt;/)[0]!.replace(TRAILING, ''));
    if (/^https?:\/\/[^/\s]+\.[^/\s]/i.test(url) || /^https?:\/\/localhost\b/i.test(url)) add(url, null);
  }
  return found;
}

/** Whether a reply (its text as Slack sends it) shares evidence: a file, or a link after its "Q7:". */
export function carriesEvidence(slackText: string, files: number): boolean {
  return files > 0 || extractLinks(parseTarget(slackText).rest).length > 0;
}

/** What the message said besides its target, as the person typed it (links by their label): the evidence's comment. */
export function commentOf(slackText: string): string | null {
  const text = unescapeSlack(slackText.replace(MARKED, (_, url: string, label?: string) => label?.trim() || url)).trim();
  return text === '' ? null : text;
}

/** Slack's message text as the person typed it: links as "label (address)", mentions and channels by name. */
export function plainVendorText(slackText: string): string {
  const marked = slackText
    .replace(MARKED, (_, url: string, label?: string) => (label?.trim() && label.trim() !== url ? `${label.trim()} (${url})` : url))
    .replace(/<[@#!]([^|>]*)(?:\|([^>]*))?>/g, (m: string, id: string, label?: string) => `${m[1] === '#' ? '#' : '@'}${label ?? id.split('^')[0]}`);
  return unescapeSlack(marked).trim();
}

/** A reply in an evaluators' thread: its note keeps what was typed after "Q7:", its comment shows links by their label. */
export function readEvaluatorReply(slackText: string): ThreadReply {
  const { position, rest } = parseTarget(slackText);
  return { position, text: unescapeSlack(rest), comment: commentOf(rest), links: extractLinks(rest) };
}

/** A reply in a vendor thread: its text (the vendor's answer, and the comment beside its evidence) reads as typed. */
export function readVendorReply(slackText: string): ThreadReply {
  const { position, rest } = parseTarget(slackText);
  const text = plainVendorText(rest);
  return { position, text, comment: text === '' ? null : text, links: extractLinks(rest) };
}
