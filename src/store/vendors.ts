import type { Vendor } from '../model.js';
import type { Db } from './db.js';
import { bindTo } from './repository.js';

/** Vendor identity ignores case and spacing: "Acme  Corp" and "acme corp" are one vendor. */
export function vendorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function findVendor(db: Db, name: string): Promise<Vendor | null> {
  const row = await db.selectFrom('vendors').select(['id', 'name']).where('name_key', '=', vendorKey(name)).executeTakeFirst();
  return row ?? null;
}

export async function findOrCreateVendor(db: Db, name: string, now: Date): Promise<Vendor> {
  const clean = name.trim().replace(/\s+/g, ' ');
  await db
    .insertInto('vendors')
    .values({ name: clean, name_key: vendorKey(clean), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name_key').doNothing())
    .execute();
  const vendor = await findVendor(db, clean);
  if (!vendor) throw new Error(`vendor "${clean}" vanished right after it was written`);
  return vendor;
}

export async function listVendors(db: Db): Promise<Vendor[]> {
  return db.selectFrom('vendors').select(['id', 'name']).orderBy('name').execute();
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function vendorsRepository(db: Db) {
  const on = bindTo(db);
  return {
    findVendor: on(findVendor),
    findOrCreateVendor: on(findOrCreateVendor),
    listVendors: on(listVendors),
  };
}
