// The evidence store on both engines: what two instances (or two clicks) racing each other leave behind. On
// PostgreSQL the racers run concurrently on separate connections; on SQLite they take turns on one file.
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceVerdict } from '../src/model.js';
import { openDatabase, type Db } from '../src/store/db.js';
import {
  claimReceipt,
  claimReminder,
  closeRequest,
  decideItem,
  holdReceipt,
  insertItems,
  listItems,
  listRequests,
  listUnpostedReceipts,
  openRequest,
  setReplyTs,
  type RequestTerms,
} from '../src/store/evidence.js';
import { insertInterview } from '../src/store/interviews.js';
import { findOrCreateVendor } from '../src/store/vendors.js';
import { freshTarget, testEngine } from './support/database.js';

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

const AT = new Date('2026-11-22T10:00:00Z');

/**
 * Runs the racers at once on PostgreSQL. Two SQLite connections in one process cannot interleave (better-sqlite3 is
 * synchronous: one would wait on the other's lock while holding the event loop), so there they take turns, which
 * is what two processes sharing the file get from BEGIN IMMEDIATE.
 */
async function race<T>(racers: (() => Promise<T>)[]): Promise<T[]> {
  if (testEngine() === 'postgres') return Promise.all(racers.map((r) => r()));
  const out: T[] = [];
  for (const r of racers) out.push(await r());
  return out;
}

/** Two connections to one fresh database: two instances of the bot. */
async function twoInstances(): Promise<[Db, Db, number]> {
  const target = await freshTarget();
  const a = await openDatabase(target);
  const b = await openDatabase(target);
  open.push(a, b);
  const vendor = await findOrCreateVendor(a, 'Acme', AT);
  const id = (await insertInterview(a, {
    vendorId: vendor.id,
    vendorName: vendor.name,
    channelId: 'C1',
    model: null,
    variant: 'lite',
    bankId: 'standard',
    bankVersion: '1',
    questions: [],
    startedBy: 'U1',
    startedAt: AT,
  }))!;
  return [a, b, id];
}

const terms = (interviewId: number, by: string): RequestTerms => ({
  interviewId,
  questionId: 'q1',
  asked: 'The report',
  chaserId: by,
  vendorContact: null,
  dueOn: '2026-12-06',
  dueAt: new Date('2026-12-07T00:00:00Z'),
  by,
});

describe('the evidence store under races', () => {
  it('opens one request per question, however many ask at once', async () => {
    const [a, b, id] = await twoInstances();
    const opened = await race([
      () => openRequest(a, terms(id, 'U1'), AT, { reopen: 'withdrawn' }),
      () => openRequest(b, terms(id, 'U2'), AT, { reopen: 'withdrawn' }),
      () => openRequest(a, terms(id, 'U3'), AT, { reopen: 'never' }),
    ]);
    expect(opened.filter(Boolean)).toHaveLength(1);
    expect(await listRequests(a, id)).toHaveLength(1);
  });

  it('fulfils or withdraws a request once: the second decision changes nothing', async () => {
    const [a, b, id] = await twoInstances();
    await openRequest(a, terms(id, 'U1'), AT, { reopen: 'never' });
    const [request] = await listRequests(a, id);
    const done = await race([
      () => closeRequest(a, { requestId: request!.id, status: 'fulfilled', by: 'U1', reason: 'Accepted the file' }, AT),
      () => closeRequest(b, { requestId: request!.id, status: 'withdrawn', by: 'U2', reason: 'No longer needed' }, AT),
    ]);
    expect(done.filter(Boolean)).toHaveLength(1);
    const [after] = await listRequests(a, id);
    expect(after!.status).toBe(done[0] ? 'fulfilled' : 'withdrawn');
    expect(after!.closedBy).toBe(done[0] ? 'U1' : 'U2');
  });

  it("stores a redelivered message's files once, and gives each file one verdict", async () => {
    const [a, b, id] = await twoInstances();
    const message = {
      interviewId: id,
      questionId: 'q1',
      sharedBy: 'U9',
      byEvaluator: false,
      sourceTs: '1.1',
      comment: null,
      items: [{ kind: 'file' as const, ref: 'F1', fileId: 'F1', name: 'r.pdf', fileType: 'pdf', url: null }],
    };
    const stored = await race([() => insertItems(a, message, AT, AT), () => insertItems(b, message, AT, AT)]);
    expect(stored.flat()).toHaveLength(1);
    const [item] = await listItems(a, id);
    const verdicts: EvidenceVerdict[] = ['accepted', 'not_sufficient'];
    const decided = await race(verdicts.map((verdict, i) => () => decideItem(i === 0 ? a : b, { itemId: item!.id, verdict, by: `U${i + 1}`, reason: verdict === 'accepted' ? null : 'Old' }, AT)));
    expect(decided.filter(Boolean)).toHaveLength(1);
    expect((await listItems(a, id))[0]!.verdict).toBe(decided[0] ? 'accepted' : 'not_sufficient');
  });

  it("claims the answer under a message whose answer was never posted once, only after its poster's lease, and never once posted", async () => {
    const [a, b, id] = await twoInstances();
    const lease = new Date(AT.getTime() + 60_000);
    const message = {
      interviewId: id,
      questionId: 'q1',
      sharedBy: 'U9',
      byEvaluator: false,
      sourceTs: '2.1',
      comment: null,
      items: [
        { kind: 'file' as const, ref: 'F1', fileId: 'F1', name: 'r.pdf', fileType: 'pdf', url: null },
        { kind: 'link' as const, ref: 'https://x.example', fileId: null, name: null, fileType: null, url: 'https://x.example' },
      ],
    };
    await insertItems(a, message, AT, lease);
    // Held by whoever stored it (posting it now): nobody else takes it, nor lists it, before the lease runs out.
    expect(await listUnpostedReceipts(b, AT, AT)).toEqual([]);
    expect(await claimReceipt(b, id, '2.1', AT, lease)).toEqual([]);
    // Its poster failed and let it go (or its lease ran out): listed, and claimed by exactly one of two instances.
    const later = new Date(lease.getTime());
    expect(await listUnpostedReceipts(b, AT, later)).toEqual([{ interviewId: id, sourceTs: '2.1' }]);
    const claims = await race([() => claimReceipt(a, id, '2.1', later, new Date(later.getTime() + 60_000)), () => claimReceipt(b, id, '2.1', later, new Date(later.getTime() + 60_000))]);
    expect(claims.filter((c) => c.length > 0)).toHaveLength(1);
    expect(claims.flat().map((i) => i.fileId ?? i.url)).toEqual(['F1', 'https://x.example']);
    await holdReceipt(
      a,
      claims.flat().map((i) => i.id),
      null,
    );
    expect(await listUnpostedReceipts(b, AT, later)).toHaveLength(1);
    // Posted: never claimed or listed again.
    await setReplyTs(
      a,
      claims.flat().map((i) => i.id),
      '2.2',
    );
    const muchLater = new Date(later.getTime() + 3_600_000);
    expect(await listUnpostedReceipts(b, AT, muchLater)).toEqual([]);
    expect(await claimReceipt(b, id, '2.1', muchLater, new Date(muchLater.getTime() + 60_000))).toEqual([]);
    // Only messages shared since the cut-off are listed.
    await insertItems(a, { ...message, sourceTs: '3.1' }, AT, AT);
    expect(await listUnpostedReceipts(b, new Date(AT.getTime() + 1), muchLater)).toEqual([]);
  });

  it("claims a reminder day once; a failed claim is retried only when its time has come, a dead sender's after its lease", async () => {
    const [a, b, id] = await twoInstances();
    await openRequest(a, terms(id, 'U1'), AT, { reopen: 'never' });
    const [request] = await listRequests(a, id);
    const at = new Date('2026-12-06T09:00:00Z');
    const claims = await race([() => claimReminder(a, request!.id, '2026-12-06', at, 60_000), () => claimReminder(b, request!.id, '2026-12-06', at, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Its sender died: taken over once the lease has run out, not before.
    expect(await claimReminder(b, request!.id, '2026-12-06', new Date(at.getTime() + 59_000), 60_000)).toBeNull();
    expect(await claimReminder(b, request!.id, '2026-12-06', new Date(at.getTime() + 60_000), 60_000)).toMatchObject({ attempts: 2 });
    // Another day is another claim.
    expect(await claimReminder(a, request!.id, '2026-12-13', at, 60_000)).toMatchObject({ attempts: 1 });
  });
});
