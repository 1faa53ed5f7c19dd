// Completed vettings' kept verdicts (interview_verdicts, 0027_stored_verdicts): what `/vet list`, the Home tab and a
// digest read instead of scoring every vetting. The flows decide what a verdict is (flows/verdicts.ts); this keeps
// it, and the database drops it when anything it was scored from changes (the migration's triggers).
import { sql } from 'kysely';
import { z } from 'zod';
import type { Scorecard } from '../scoring/types.js';
import { RISK_TIERS, type RiskTier } from '../scoring/types.js';
import { decodeJson } from './columns.js';
import type { Db } from './db.js';
import { engineOf, timestampType } from './dialect.js';
import { inScope, notByRowid, type InterviewScope } from './interviews.js';
import { bindTo } from './repository.js';

/** What a kept verdict is ordered by, without reading its scorecard. */
export interface VerdictKeys {
  /** The scoring rules' version it was scored by. */
  version: number;
  tier: RiskTier | null;
  /** scoring's vettingOrder. */
  order: number;
  score: number | null;
  /** The named team it records, or null. */
  team: string[] | null;
  /** When time alone changes it: it holds from `from` (null: always did) until `until` (null: for ever). */
  from: Date | null;
  until: Date | null;
}

export interface KeptVerdict extends VerdictKeys {
  scorecard: Scorecard;
}

/** One completed interview's verdict as kept: `rev` to keep a new one against, `keys` null when none is kept. */
export interface VerdictState {
  id: number;
  rev: number;
  keys: VerdictKeys | null;
}

/** Per vendor `scope` allows: its name in its newest visible interview, and its newest visible completed one. */
export interface StandingRow {
  vendorId: number;
  name: string;
  newestId: number;
  completed: VerdictState | null;
}

const tiers = z.enum(RISK_TIERS).nullable();
const team = z.array(z.string()).nullable();
// The scorecard is what vet itself wrote: its shape is checked where it is read, not field by field here.
const scorecard = z.looseObject({ tier: tiers, overall: z.looseObject({ score: z.number().nullable() }), questions: z.array(z.unknown()) }).transform((c) => c as unknown as Scorecard);

const TIERS: ReadonlySet<string> = new Set(RISK_TIERS);

function tierOf(text: string | null, id: number): RiskTier | null {
  // Read for every vendor a list orders: a set look-up, not a parse.
  if (text !== null && !TIERS.has(text)) throw new Error(`interview_verdicts.tier of the kept verdict of interview ${id} is not a tier: ${text}`);
  return text as RiskTier | null;
}

interface StateColumns {
  version: number | null;
  tier: string | null;
  vetting_order: number | null;
  score: number | null;
  team_json: string | null;
  valid_from: string | Date | null;
  until: string | Date | null;
  kept: unknown;
}

function keysOf(id: number, r: StateColumns): VerdictKeys | null {
  if (!r.kept || r.version === null || r.vetting_order === null) return null;
  return {
    version: r.version,
    tier: tierOf(r.tier, id),
    order: r.vetting_order,
    score: r.score,
    team: r.team_json === null ? null : decodeJson(team, r.team_json, `interview_verdicts.team_json of the kept verdict of interview ${id}`),
    from: r.valid_from === null ? null : new Date(r.valid_from),
    until: r.until === null ? null : new Date(r.until),
  };
}

/** Keeps a completed interview's verdict, unless anything it was scored from changed since `rev` was read. */
export async function keepVerdict(db: Db, interviewId: number, rev: number, v: KeptVerdict): Promise<boolean> {
  const keys = {
    version: v.version,
    tier: v.tier,
    vetting_order: v.order,
    score: v.score,
    team_json: v.team === null ? null : JSON.stringify(v.team),
    valid_from: v.from === null ? null : v.from.toISOString(),
    until: v.until === null ? null : v.until.toISOString(),
  };
  // Inserted only for a completed interview; over a row only while its rev is the one read (a write since moved it on).
  const result = await db
    .insertInto('interview_verdicts')
    .columns(['interview_id', 'rev', 'version', 'tier', 'vetting_order', 'score', 'team_json', 'valid_from', 'until'])
    .expression((eb) =>
      eb
        .selectFrom('interviews')
        // Typed, since PostgreSQL does not infer parameter types in a select list.
        .select([
          'interviews.id',
          eb.cast<number>(eb.val(rev), 'integer').as('rev'),
          eb.cast<number>(eb.val(keys.version), 'integer').as('version'),
          eb.cast<string | null>(eb.val(keys.tier), 'text').as('tier'),
          eb.cast<number>(eb.val(keys.vetting_order), 'integer').as('vetting_order'),
          eb.cast<number | null>(eb.val(keys.score), engineOf(db) === 'postgres' ? 'double precision' : 'real').as('score'),
          eb.cast<string | null>(eb.val(keys.team_json), 'text').as('team_json'),
          eb.cast<string | null>(eb.val(keys.valid_from), timestampType(db)).as('valid_from'),
          eb.cast<string | null>(eb.val(keys.until), timestampType(db)).as('until'),
        ])
        .where('interviews.id', '=', interviewId)
        .where('interviews.status', '=', 'completed'),
    )
    .onConflict((oc) => oc.column('interview_id').doUpdateSet(keys).where('interview_verdicts.rev', '=', rev))
    .executeTakeFirst();
  if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n) return false;
  const scorecard_json = JSON.stringify(v.scorecard);
  await db
    .insertInto('interview_scorecards')
    .values({ interview_id: interviewId, rev, scorecard_json })
    .onConflict((oc) => oc.column('interview_id').doUpdateSet({ rev, scorecard_json }))
    .execute();
  return true;
}

const STATE = [
  'interview_verdicts.version',
  'interview_verdicts.tier',
  'interview_verdicts.vetting_order',
  'interview_verdicts.score',
  'interview_verdicts.team_json',
  'interview_verdicts.valid_from',
  'interview_verdicts.until',
] as const;

/** Where the kept verdicts of these interviews stand. */
export async function listVerdictStates(db: Db, interviewIds: readonly number[]): Promise<VerdictState[]> {
  if (interviewIds.length === 0) return [];
  const rows = await db
    .selectFrom('interview_verdicts')
    .select(['interview_id', 'rev', ...STATE])
    .select((eb) => eb('version', 'is not', null).as('kept'))
    .where('interview_id', 'in', [...interviewIds])
    .execute();
  const found = new Map(rows.map((r) => [r.interview_id, { id: r.interview_id, rev: r.rev, keys: keysOf(r.interview_id, r) }]));
  // No row yet: none kept, and nothing written since completion (a write would have made one).
  return interviewIds.map((id) => found.get(id) ?? { id, rev: 0, keys: null });
}

/** The kept scorecards of these interviews, by id (those with none kept are missing). */
export async function listKeptScorecards(db: Db, interviewIds: readonly number[]): Promise<Map<number, { rev: number; keys: VerdictKeys; scorecard: Scorecard }>> {
  if (interviewIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('interview_verdicts')
    .innerJoin('interview_scorecards', (j) => j.onRef('interview_scorecards.interview_id', '=', 'interview_verdicts.interview_id').onRef('interview_scorecards.rev', '=', 'interview_verdicts.rev'))
    .select(['interview_verdicts.interview_id', 'interview_verdicts.rev', 'interview_scorecards.scorecard_json', ...STATE])
    .where('interview_verdicts.interview_id', 'in', [...interviewIds])
    .where('interview_verdicts.version', 'is not', null)
    .execute();
  const kept = new Map<number, { rev: number; keys: VerdictKeys; scorecard: Scorecard }>();
  for (const r of rows) {
    const keys = keysOf(r.interview_id, { ...r, kept: true });
    if (keys) kept.set(r.interview_id, { rev: r.rev, keys, scorecard: decodeJson(scorecard, r.scorecard_json, `interview_scorecards.scorecard_json of interview ${r.interview_id}`) });
  }
  return kept;
}

/**
 * Per vendor with an interview `scope` allows: the name its newest such interview shows, and the kept verdict of its
 * newest such completed one; newest first. Read from interviews_sight alone (0027_stored_verdicts).
 */
export async function listScopedStandings(db: Db, scope: InterviewScope): Promise<StandingRow[]> {
  if (scope.kind === 'none') return [];
  const latest = db
    .selectFrom('interviews')
    .select((eb) => [
      'interviews.vendor_id',
      eb.fn.max('interviews.id').as('newest'),
      eb.fn.max(eb.case().when('interviews.status', '=', 'completed').then(eb.ref('interviews.id')).end()).as('completed'),
    ])
    .where((eb) => inScope(eb, scope.clauses))
    .groupBy('interviews.vendor_id')
    .as('latest');
  const rows = await db
    .selectFrom(latest)
    // By vendor and id, so the name comes from the index too.
    .innerJoin('interviews as n', (j) => j.onRef('n.vendor_id', '=', 'latest.vendor_id').on(notByRowid('n.id'), '=', sql.ref('latest.newest')))
    .leftJoin('interview_verdicts', 'interview_verdicts.interview_id', 'latest.completed')
    .select(['latest.vendor_id', 'latest.newest', 'latest.completed', 'n.vendor_name', 'interview_verdicts.rev', ...STATE])
    .select((eb) => eb('interview_verdicts.version', 'is not', null).as('kept'))
    .execute();
  // Sorted here: cheaper than SQLite's sort of the joined rows.
  rows.sort((a, b) => b.newest - a.newest);
  return rows.map((r) => ({
    vendorId: r.vendor_id,
    name: r.vendor_name,
    newestId: r.newest,
    completed: r.completed === null ? null : { id: r.completed, rev: r.rev ?? 0, keys: keysOf(r.completed, r) },
  }));
}

/** The completed interviews of these vendors, oldest first, with their kept verdicts. */
export async function listCompletedVerdicts(db: Db, vendorIds: readonly number[]): Promise<(VerdictState & { vendorId: number })[]> {
  if (vendorIds.length === 0) return [];
  const rows = await db
    .selectFrom('interviews')
    .leftJoin('interview_verdicts', 'interview_verdicts.interview_id', 'interviews.id')
    .select(['interviews.id', 'interviews.vendor_id', 'interview_verdicts.rev', ...STATE])
    .select((eb) => eb('interview_verdicts.version', 'is not', null).as('kept'))
    .where('interviews.vendor_id', 'in', [...vendorIds])
    .where('interviews.status', '=', 'completed')
    .orderBy('interviews.id')
    .execute();
  return rows.map((r) => ({ id: r.id, vendorId: r.vendor_id, rev: r.rev ?? 0, keys: keysOf(r.id, r) }));
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function verdictsRepository(db: Db) {
  const on = bindTo(db);
  return {
    keepVerdict: on(keepVerdict),
    listVerdictStates: on(listVerdictStates),
    listKeptScorecards: on(listKeptScorecards),
    listScopedStandings: on(listScopedStandings),
    listCompletedVerdicts: on(listCompletedVerdicts),
  };
}
