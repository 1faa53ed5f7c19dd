// What Slack makes of a slash command's text with `should_escape: true`, so the sandbox sends the app what Slack
// would: &, < and > escaped, then `@name` of a known person as `<@U…|name>`, @here/@channel/@everyone as `<!here>`…,
// `#name` of a known channel as `<#C…|name>`, and links as `<https://…>`. Anything else stays as typed. Pure.

export interface Named {
  id: string;
  /** What people type after @ or #. */
  handle: string;
}

const SPECIAL = new Set(['here', 'channel', 'everyone']);

export function escapeSlashText(text: string, people: readonly Named[], channels: readonly Named[]): string {
  const find = (list: readonly Named[], handle: string) => list.find((n) => n.handle.toLowerCase() === handle.toLowerCase());
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/(^|\s)(@([\w.-]+)|#([\w-]+)|https?:\/\/\S+)/g, (whole, space: string, token: string, person?: string, channel?: string) => {
    if (person !== undefined) {
      if (SPECIAL.has(person.toLowerCase())) return `${space}<!${person.toLowerCase()}>`;
      const known = find(people, person);
      return known ? `${space}<@${known.id}|${known.handle}>` : whole;
    }
    if (channel !== undefined) {
      const known = find(channels, channel);
      return known ? `${space}<#${known.id}|${known.handle}>` : whole;
    }
    return `${space}<${token}>`;
  });
}
