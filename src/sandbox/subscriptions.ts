// Slack delivers an event only when the app subscribes to it (manifest.yml, settings.event_subscriptions.bot_events),
// and a message event under the name of its conversation type (message.channels, message.groups...). The sandbox
// reads the same manifest, so an event the app would never get from Slack never reaches it here either.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface DeliverableEvent {
  type: string;
  channel_type?: string;
}

const MESSAGE_SUBSCRIPTION: Record<string, string> = { channel: 'message.channels', group: 'message.groups', im: 'message.im', mpim: 'message.mpim' };

/** The bot event subscription Slack requires for an event. Pure. */
export function subscriptionOf(event: DeliverableEvent): string {
  if (event.type === 'message') return MESSAGE_SUBSCRIPTION[event.channel_type ?? 'channel'] ?? 'message.channels';
  return event.type;
}

/** The bot events a manifest subscribes to. Pure. */
export function botEventsOf(manifestYaml: string): Set<string> {
  const manifest = parse(manifestYaml) as { settings?: { event_subscriptions?: { bot_events?: unknown } } } | null;
  const events = manifest?.settings?.event_subscriptions?.bot_events;
  return new Set(Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : []);
}

/**
 * Whether Slack would deliver an event to the app described by the manifest at `manifestUrl`; every event when the
 * manifest cannot be read (said once through `warn`), so a sandbox run from an odd folder still works.
 */
export async function loadSubscriptions(manifestUrl: URL, warn: (message: string) => void): Promise<(event: DeliverableEvent) => boolean> {
  try {
    const events = botEventsOf(await readFile(manifestUrl, 'utf8'));
    return (event) => events.has(subscriptionOf(event));
  } catch (e) {
    warn(`sandbox: could not read the app manifest ${manifestUrl.pathname} (${e instanceof Error ? e.message : String(e)}); every event goes to the app`);
    return () => true;
  }
}
