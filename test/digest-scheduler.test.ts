// The digest scheduler as a shutdown sees it: stopping waits for a digest being posted, so the database is never
// closed under it (and the slot is not left claimed but unposted).
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startDigestScheduler, type TickResult } from '../src/flows/digest.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { createFlows } from '../src/wiring.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { freshTarget } from './support/database.js';
import { manualClock } from './support/temp.js';
import { createStore } from '../src/store/store.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('stopping the digest scheduler', () => {
  it('resolves only once the digest being posted is posted', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's' });
    if (!config.ok) throw new Error(config.errors.join());
    db = await openDatabase(await freshTarget());
    const clock = manualClock('2026-11-22T10:00:00Z');
    const channels = { privacy: async (ids: readonly string[]) => new Map(ids.map((id) => [id, 'public'] as const)), shared: async () => false };
    const { digest } = createFlows(config.config, { store: createStore(db), bank: STANDARD_BANK, clock, channels });
    await digest.subscribe('C0DIGEST');
    // Monday 09:30 UTC: the default slot (Monday 09:00) is due.
    clock.set('2026-11-23T09:30:00Z');

    let posting = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const ticks: TickResult[] = [];
    const stop = startDigestScheduler(
      digest,
      async () => {
        posting = true;
        await released;
        return '1700000000.000100';
      },
      { intervalMs: 60_000, clock, onError: (e) => expect.fail(String(e)), onTick: (r) => void ticks.push(r) },
    );
    while (!posting) await turns(1);

    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await turns(20);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(ticks).toEqual([{ posted: ['C0DIGEST'], failed: [], lost: [] }]);
  });
});
