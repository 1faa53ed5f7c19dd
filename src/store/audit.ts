import { decodeJson, mappingColumn } from './columns.js';
import type { Db } from './db.js';
import { bindTo } from './repository.js';

export interface AuditEntry {
  actor: string;
  action: string;
  interviewId: number | null;
  detail: Record<string, unknown>;
}

export async function writeAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      interview_id: entry.interviewId,
      detail_json: JSON.stringify(entry.detail),
    })
    .execute();
}

export async function listAudit(db: Db, interviewId: number): Promise<(AuditEntry & { at: Date })[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    actor: r.actor,
    action: r.action,
    interviewId: r.interview_id,
    detail: decodeJson(mappingColumn, r.detail_json, `audit_log.detail_json of entry ${r.id}`),
  }));
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function auditRepository(db: Db) {
  const on = bindTo(db);
  return {
    writeAudit: on(writeAudit),
    listAudit: on(listAudit),
  };
}
