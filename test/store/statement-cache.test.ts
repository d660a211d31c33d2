/**
 * The SQLite statement cache must never change what a query returns: results after a schema change are the
 * new schema's, the cache stays within its bound, and the same SQL reuses one compiled statement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../src/store/sqlite-statements.js';

test('cached statements: reused per SQL text, bounded, and correct after a schema change', async () => {
  const raw = new SQLite(':memory:');
  const cached = withStatementCache(raw, 3);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: cached }) });
  try {
    await sql`create table t (id integer primary key, name text)`.execute(db);
    for (let i = 0; i < 5; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    assert.equal(cached.prepare('select 1'), cached.prepare('select 1'), 'one statement per SQL text');
    for (let i = 0; i < 10; i++) await sql`select ${sql.raw(String(i))} as v`.execute(db);
    assert.ok(cached.cachedStatements <= 3, `bounded: ${cached.cachedStatements}`);
    const before = await db.selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst();
    assert.deepEqual(before, { id: 2, name: 'n2' });
    await sql`alter table t add column extra text default 'x'`.execute(db);
    const after = await db.selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst();
    assert.deepEqual(after, { id: 2, name: 'n2', extra: 'x' });
    const rows = await db.selectFrom('t').select('name').where('id', '>=', 3).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.name), ['n3', 'n4']);
  } finally {
    await db.destroy();
  }
});
