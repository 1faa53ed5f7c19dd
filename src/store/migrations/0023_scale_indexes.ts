import type { Kysely, Migration } from 'kysely';

// Found by `npm run bench:scale` (50,000 vettings in 200 channels): what a person may see is filtered in SQL by the
// channels they may read and by the vettings they lead or evaluate; a digest reads one channel's vettings in order.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('interviews_channel').on('interviews').columns(['channel_id', 'id']).execute();
    await db.schema.createIndex('interview_evaluators_user').on('interview_evaluators').columns(['user_id', 'interview_id']).execute();
  },
};
