import type { Selectable } from 'kysely';
import type { RedFlag } from '../model.js';
import type { Severity } from '../questions/model.js';
import { flagKey, type ComputedFlag } from '../scoring/types.js';
import { writeAudit } from './audit.js';
import type { Db } from './db.js';
import type { RedFlagTable } from './schema.js';

/** The actor recorded when the bot itself changes a flag. */
export const SYSTEM_ACTOR = 'vet';
export const NO_LONGER_JUSTIFIED = 'Closed automatically: the answers no longer justify this flag.';

function toFlag(r: Selectable<RedFlagTable>): RedFlag {
  return {
    id: r.id,
    interviewId: r.interview_id,
    rule: r.rule,
    questionId: r.question_id,
    severity: r.severity as Severity,
    message: r.message,
    status: r.status,
    statusBy: r.status_by,
    statusAt: r.status_at ? new Date(r.status_at) : null,
    statusReason: r.status_reason,
    statusLink: r.status_link,
    ownerId: r.owner_id,
    acceptExpiresAt: r.accept_expires_at ? new Date(r.accept_expires_at) : null,
    createdAt: new Date(r.created_at),
  };
}

export async function listFlags(db: Db, interviewId: number): Promise<RedFlag[]> {
  const rows = await db.selectFrom('red_flags').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toFlag);
}

export interface FlagSync {
  opened: RedFlag[];
  closed: RedFlag[];
}

/**
 * Brings the stored flags in line with what scoring computed, in one transaction: new flags open; flags the bot
 * closed earlier reopen when justified again; flags no longer justified close with that reason. A flag a person
 * resolved or accepted keeps their decision.
 */
export async function syncFlags(db: Db, interviewId: number, computed: readonly ComputedFlag[], at: Date): Promise<FlagSync> {
  return db.transaction().execute(async (trx) => {
    const now = at.toISOString();
    const existing = new Map((await listFlags(trx, interviewId)).map((f) => [flagKey(f), f]));
    const wanted = new Map(computed.map((f) => [flagKey(f), f]));
    const opened: number[] = [];
    const closed: number[] = [];

    for (const [key, f] of wanted) {
      const old = existing.get(key);
      if (!old) {
        const row = await trx
          .insertInto('red_flags')
          .values({
            interview_id: interviewId,
            rule: f.rule,
            question_id: f.questionId,
            severity: f.severity,
            message: f.message,
            status: 'open',
            status_by: null,
            status_at: null,
            status_reason: null,
            status_link: null,
            owner_id: null,
            accept_expires_at: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        opened.push(row.id);
      } else if (old.status === 'resolved' && old.statusBy === SYSTEM_ACTOR) {
        await trx
          .updateTable('red_flags')
          .set({ status: 'open', status_by: null, status_at: null, status_reason: null, severity: f.severity, message: f.message, updated_at: now })
          .where('id', '=', old.id)
          .execute();
        opened.push(old.id);
      } else if (old.message !== f.message || old.severity !== f.severity) {
        await trx.updateTable('red_flags').set({ severity: f.severity, message: f.message, updated_at: now }).where('id', '=', old.id).execute();
      }
    }
    for (const [key, old] of existing) {
      if (wanted.has(key) || old.status === 'resolved') continue;
      await trx
        .updateTable('red_flags')
        .set({ status: 'resolved', status_by: SYSTEM_ACTOR, status_at: now, status_reason: NO_LONGER_JUSTIFIED, updated_at: now })
        .where('id', '=', old.id)
        .execute();
      closed.push(old.id);
    }
    for (const id of opened) await writeAudit(trx, at, { actor: SYSTEM_ACTOR, action: 'flag.opened', interviewId, detail: { flagId: id } });
    for (const id of closed) await writeAudit(trx, at, { actor: SYSTEM_ACTOR, action: 'flag.auto-closed', interviewId, detail: { flagId: id } });

    const after = await listFlags(trx, interviewId);
    return { opened: after.filter((f) => opened.includes(f.id)), closed: after.filter((f) => closed.includes(f.id)) };
  });
}
