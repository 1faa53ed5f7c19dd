import type { Db } from './db.js';

/**
 * Binds a store statement to one connection (or transaction): `on(getAnswer)(id, …)` runs `getAnswer(db, id, …)`.
 * Each store module builds its repository with it, so the statements keep their plain, testable `(db, …)` form.
 */
export function bindTo(db: Db) {
  return <A extends unknown[], R>(statement: (db: Db, ...args: A) => R) =>
    (...args: A): R =>
      statement(db, ...args);
}
