// Completed vettings' kept verdicts (interview_verdicts, 0027_stored_verdicts): what `/vet list`, the Home tab and a
// digest read instead of scoring every vetting. The flows decide what a verdict is (flows/verdicts.ts); this keeps
// it, and the database drops it when anything it was scored from changes (the migration's triggers).
import { sql, type ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { Scorecard } from '../scoring/types.js';
import { RISK_TIERS, type RiskTier } from '../scoring/types.js';
import { decodeJson } from './columns.js';
import type { Db } from './db.js';
import { engineOf, timestampType } from './dialect.js';
import { inScope, notByRowid, type InterviewScope } from './interviews.js';
import { bindTo } from './repository.js';
import { SCORE_RANK, TIER_RANK } from './migrations/0028_ranked_verdicts.js';
import type { Database } from './schema.js';

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

/** A vendor `scope` allows, with the kept verdict of its newest allowed completed interview. */
export interface VendorVerdict extends VerdictState {
  vendorId: number;
}

/** Per vendor `scope` allows: the name its newest allowed interview shows, and that interview's id. */
export interface VendorName {
  vendorId: number;
  name: string;
  newestId: number;
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

/** Whether a kept verdict holds at `now` under the scoring rules' `version`, as flows/verdicts.ts `holds` decides. */
function holdsAt(eb: ExpressionBuilder<Database, 'interview_verdicts'>, version: number, now: Date) {
  const at = now.toISOString();
  return eb.and([
    eb('interview_verdicts.version', '=', version),
    eb.or([eb('interview_verdicts.valid_from', 'is', null), eb('interview_verdicts.valid_from', '<=', at)]),
    eb.or([eb('interview_verdicts.until', 'is', null), eb('interview_verdicts.until', '>', at)]),
  ]);
}

/**
 * Verdicts of the completed interviews that are the newest `scope` allows of their vendor, with that vendor: one per
 * vendor. Each is checked from interviews_sight by its vendor, so a list reads only the verdicts it walks.
 */
function newestAllowedVerdicts(db: Db, scope: InterviewScope & { kind: 'some' }) {
  return db
    .selectFrom('interview_verdicts')
    .innerJoin('interviews as i', 'i.id', 'interview_verdicts.interview_id')
    .select(['i.vendor_id', 'interview_verdicts.interview_id', 'interview_verdicts.rev', ...STATE])
    .select((eb) => eb('interview_verdicts.version', 'is not', null).as('kept'))
    .where('interview_verdicts.interview_id', '=', (eb) =>
      eb
        .selectFrom('interviews')
        .select((e) => e.fn.max('interviews.id').as('newest'))
        .whereRef('interviews.vendor_id', '=', 'i.vendor_id')
        .where('interviews.status', '=', 'completed')
        .where((e) => inScope(e, scope.clauses)),
    );
}

const toVendorVerdict = (r: StateColumns & { vendor_id: number; interview_id: number; rev: number }): VendorVerdict => ({
  vendorId: r.vendor_id,
  id: r.interview_id,
  rev: r.rev,
  keys: keysOf(r.interview_id, r),
});

/**
 * Vendors `scope` allows whose newest allowed completed interview's verdict holds (at `now`, under `version`), worst
 * first by the kept keys (tier, vetting order, score: compareStanding's order): the first `limit` and every other one
 * in the last one's place, as its vendors are told apart by name, which SQL does not compare as the flows do.
 */
export async function listScopedRanked(db: Db, scope: InterviewScope, version: number, now: Date, limit: number): Promise<VendorVerdict[]> {
  if (scope.kind === 'none' || limit <= 0) return [];
  const holding = newestAllowedVerdicts(db, scope).where((eb) => holdsAt(eb, version, now));
  // Written as interview_verdicts_rank (0028) is, so both engines read that index in order and stop at the limit.
  const ordered = holding.orderBy('interview_verdicts.version').orderBy(TIER_RANK).orderBy('interview_verdicts.vetting_order', 'desc').orderBy(SCORE_RANK);
  const first = await (Number.isFinite(limit) ? ordered.limit(limit) : ordered).execute();
  const last = first.at(-1);
  if (!last || first.length < limit) return first.map(toVendorVerdict);
  const tied = await holding
    .where(sql<string | null>`${sql.ref('interview_verdicts.tier')}`, last.tier === null ? 'is' : '=', last.tier)
    .where('interview_verdicts.vetting_order', '=', last.vetting_order)
    .where(SCORE_RANK, '=', last.score ?? 0)
    .execute();
  const seen = new Set(first.map((r) => r.interview_id));
  return [...first, ...tied.filter((r) => !seen.has(r.interview_id))].map(toVendorVerdict);
}

/**
 * Vendors `scope` allows whose place the kept keys alone do not give: the verdict of their newest allowed completed
 * interview does not hold (at `now`, under `version`), or it names a team with a tier under high while the vendor has
 * an earlier completed vetting (a re-vet's "team member removed" flag may raise it). Few: every verdict that does not
 * hold is scored and kept before a list (listUnheld).
 */
export async function listScopedUnsettled(db: Db, scope: InterviewScope, version: number, now: Date): Promise<VendorVerdict[]> {
  if (scope.kind === 'none') return [];
  // The verdicts that may be so are picked from interview_verdicts alone first: checking that each is its vendor's
  // newest allowed one costs a look-up, which only these need.
  const maybe = db
    .selectFrom('interview_verdicts')
    .select('interview_verdicts.interview_id')
    .where((eb) =>
      eb.or([eb('interview_verdicts.version', 'is', null), eb.not(holdsAt(eb, version, now)), eb.and([eb('interview_verdicts.team_json', 'is not', null), eb(TIER_RANK, '>=', RISK_RANK_UNDER_HIGH)])]),
    );
  const rows = await newestAllowedVerdicts(db, scope)
    .where('interview_verdicts.interview_id', 'in', maybe)
    .where((eb) =>
      eb.or([
        eb('interview_verdicts.version', 'is', null),
        eb.not(holdsAt(eb, version, now)),
        eb.exists(
          eb
            .selectFrom('interviews as earlier')
            .select('earlier.id')
            .whereRef('earlier.vendor_id', '=', 'i.vendor_id')
            .whereRef('earlier.id', '<', 'interview_verdicts.interview_id')
            .where('earlier.status', '=', 'completed'),
        ),
      ]),
    )
    .execute();
  return rows.map(toVendorVerdict);
}

/** The kept verdicts that do not hold at `now` under the scoring rules' `version` (none kept, or kept by other rules or for another time). */
export async function listUnheld(db: Db, version: number, now: Date): Promise<VerdictState[]> {
  const rows = await db
    .selectFrom('interview_verdicts')
    .select(['interview_verdicts.interview_id', 'interview_verdicts.rev', ...STATE])
    .select((eb) => eb('interview_verdicts.version', 'is not', null).as('kept'))
    .where((eb) => eb.or([eb('interview_verdicts.version', 'is', null), eb.not(holdsAt(eb, version, now))]))
    .execute();
  return rows.map((r) => ({ id: r.interview_id, rev: r.rev, keys: keysOf(r.interview_id, r) }));
}

/** TIER_RANK of the tiers under high (medium, low, none). */
const RISK_RANK_UNDER_HIGH = 2;

/** How many vendors `scope` allows. */
export async function countScopedVendors(db: Db, scope: InterviewScope): Promise<number> {
  if (scope.kind === 'none') return 0;
  const row = await db
    .selectFrom('interviews')
    .select((eb) => eb.fn.count<number>('interviews.vendor_id').distinct().as('vendors'))
    .where((eb) => inScope(eb, scope.clauses))
    .executeTakeFirstOrThrow();
  return Number(row.vendors);
}

/** Per vendor `scope` allows (of these only, when given; only those with no allowed completed interview when `unvetted`): its name, newest first. */
export async function listScopedNames(db: Db, scope: InterviewScope, vendorIds?: readonly number[], unvetted = false): Promise<VendorName[]> {
  if (scope.kind === 'none' || vendorIds?.length === 0) return [];
  let allowed = db
    .selectFrom('interviews')
    .select((eb) => ['interviews.vendor_id', eb.fn.max('interviews.id').as('newest')])
    .where((eb) => inScope(eb, scope.clauses));
  if (vendorIds) allowed = allowed.where('interviews.vendor_id', 'in', [...vendorIds]);
  let grouped = allowed.groupBy('interviews.vendor_id');
  if (unvetted) grouped = grouped.having((eb) => eb.fn.max(eb.case().when('interviews.status', '=', 'completed').then(eb.ref('interviews.id')).end()), 'is', null);
  const rows = await db
    .selectFrom(grouped.as('latest'))
    // By vendor and id, so the name comes from interviews_sight too.
    .innerJoin('interviews as n', (j) => j.onRef('n.vendor_id', '=', 'latest.vendor_id').on(notByRowid('n.id'), '=', sql.ref('latest.newest')))
    .select(['latest.vendor_id', 'latest.newest', 'n.vendor_name'])
    .execute();
  // Sorted here: cheaper than SQLite's sort of the joined rows.
  rows.sort((a, b) => b.newest - a.newest);
  return rows.map((r) => ({ vendorId: r.vendor_id, name: r.vendor_name, newestId: r.newest }));
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
    listScopedRanked: on(listScopedRanked),
    listScopedUnsettled: on(listScopedUnsettled),
    listUnheld: on(listUnheld),
    countScopedVendors: on(countScopedVendors),
    listScopedNames: on(listScopedNames),
    listCompletedVerdicts: on(listCompletedVerdicts),
  };
}
