import type { Kysely, Migration } from 'kysely';

// A modal that answers in a channel (`/vet advise`) keeps that channel with its response URL, server-side: the modal
// carries only the id, so a forged submission cannot name the channel the bot posts in. Null for the flag modals,
// which answer where their flag's vetting ran.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('reply_targets').addColumn('channel_id', 'text').execute();
  },
};
