/**
 * Writes a Cognito user import CSV (the columns GetCSVHeader gives a pool without custom attributes) with N
 * users `user1` … `userN`, e-mail `userI@example.com` verified, a name and a family name, for the scale bench
 * and for timing `cognate users import` by hand:
 *
 *     node --import tsx bench/gen-users-csv.ts --users 1000000 --out /tmp/users-1m.csv
 *
 * Numbers are not zero-padded, so `email ^= "user1"` matches about 11 % of any pool of 10^k users (user1,
 * user10…user19, user100…), and `email ^= "user"` matches all of them.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { STANDARD_COLUMNS } from '../src/user-import/rows.js';

export const HEADER = [...STANDARD_COLUMNS, 'cognito:mfa_enabled', 'cognito:username'];

const FAMILY = ['Smith', 'Jones', 'Garcia', 'Nguyen', 'Müller', 'Rossi', 'Kowalski', 'Tanaka', 'Silva', 'Dubois'];

/** The CSV line of user i (1-based). */
export function userLine(i: number): string {
  const v: Record<string, string> = {
    email: `user${i}@example.com`,
    email_verified: 'true',
    name: `User ${i}`,
    family_name: FAMILY[i % FAMILY.length]!,
    'cognito:mfa_enabled': 'false',
    'cognito:username': `user${i}`,
  };
  return HEADER.map((h) => v[h] ?? '').join(',');
}

export async function writeUsersCsv(file: string, users: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER.join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 1; i <= users; i++) {
    chunk.push(userLine(i));
    if (chunk.length === 10_000 || i === users) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1]! : dflt;
  };
  const users = Number(arg('--users', '1000'));
  const file = arg('--out', `/tmp/cognate-users-${users}.csv`);
  await writeUsersCsv(file, users);
  process.stdout.write(`${file}: ${users} users\n`);
}
