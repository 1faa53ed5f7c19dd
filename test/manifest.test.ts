import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The scope each Web API method and each event needs (Slack's method and event reference pages). A method that
// reads conversations needs the scope of each kind it is used on: public and private channels here (DMs and group
// DMs would need im:read / mpim:read, which the app does without).
const METHOD_SCOPE: Record<string, string | readonly string[] | null> = {
  'auth.test': null,
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'conversations.join': 'channels:join',
  // finding a question message by its metadata in the interview's thread (crash recovery, slack/publish.ts)
  'conversations.replies': ['channels:history', 'groups:history'],
  'views.open': null,
  'views.update': null,
  'views.publish': null,
  'users.info': 'users:read',
  filesUploadV2: 'files:write',
};
const EVENT_SCOPE: Record<string, string | null> = {
  app_home_opened: null,
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const manifest = parse(readFileSync('manifest.yml', 'utf8'));

describe('manifest.yml', () => {
  const called = new Set(
    sources('src').flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      // client.chat.postMessage(...) and the client's helpers such as client.filesUploadV2(...)
      return [...[...text.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`), ...[...text.matchAll(/client\.(\w+)\(/g)].map((m) => m[1]!)];
    }),
  );

  it('knows the scope of every Web API method the app calls', () => {
    expect(called.size).toBeGreaterThan(3);
    for (const method of called) expect(Object.keys(METHOD_SCOPE), method).toContain(method);
  });

  it('asks for exactly the bot scopes those calls, the events and /vet need: no more, no fewer', () => {
    const needed = new Set<string>(['commands']);
    for (const method of called) for (const scope of [METHOD_SCOPE[method] ?? []].flat()) needed.add(scope);
    for (const event of manifest.settings.event_subscriptions.bot_events as string[]) if (EVENT_SCOPE[event]) needed.add(EVENT_SCOPE[event]!);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares /vet with a usage hint, interactivity, thread-reply and home events, and Socket Mode', () => {
    const vet = manifest.features.slash_commands.find((c: { command: string }) => c.command === '/vet');
    expect(vet.usage_hint).toContain('start <vendor>');
    // Evaluators are named by mention: the command text must carry user ids (<@U…|name>), not display names.
    expect(vet.should_escape).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'message.channels', 'message.groups']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // Evidence reminders are DMs from the app: its Messages tab shows them, read-only.
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: true });
    expect(manifest.oauth_config.scopes.bot).not.toContain('files:read');
  });
});
