/**
 * The list-order indexes of 0125 on attributes many users lack (e-mail, phone, the name parts) become partial
 * (`where column is not null`): a filter never matches a missing value, so the rows without it cost neither
 * index space nor insert work (a million-user import writes one index entry fewer per absent attribute). The
 * store's filtered ListUsers says `column is not null` outright, so both planners see the index applies.
 */
import { sql, type Kysely } from 'kysely';

export const SPARSE = ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username'];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

async function rebuild(db: Kysely<any>, partial: boolean): Promise<void> {
  const pg = isPostgres(db);
  for (const c of SPARSE) {
    const name = `users_${c}_order`;
    const col = pg ? sql`(${sql.ref(c)} collate "C")` : sql.ref(c);
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
    await sql`create index ${sql.id(name)} on users (pool_id, ${col}, username_key)${partial ? sql` where ${sql.ref(c)} is not null` : sql``}`.execute(db);
  }
}

export const up = (db: Kysely<any>) => rebuild(db, true);
export const down = (db: Kysely<any>) => rebuild(db, false);
