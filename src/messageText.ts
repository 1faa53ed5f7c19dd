// Shared links as people are shown them: their real address and, when it cannot mislead, their label. Neutral: the
// Slack messages and the markdown reports show links alike.

/** Text that could pass for a web address: a scheme, or a dotted host name anywhere in it ("trust.example.com/x"). */
const LOOKS_LIKE_ADDRESS = /:\/\/|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;

/**
 * Where a link really goes, as shown to people: its host and path (scheme and query left out, clipped to `max`),
 * null when it is not an http(s) URL. The host is the parsed one (an international name in its xn-- form), so no
 * label and no look-alike letter can stand in for it.
 */
export function shownAddress(url: string, max = 80): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const text = `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A link's label, to show beside its real address: only when it says something else and cannot pass for another
 * address (Slack's "Add link" lets `<https://evil.example/x|https://trust.example.com/x>` read as trust.example.com).
 */
export function linkLabel(url: string | null, label: string | null): string | null {
  if (!label || label.trim() === '' || label === url) return null;
  return LOOKS_LIKE_ADDRESS.test(label) ? null : label;
}
