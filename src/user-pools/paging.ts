/**
 * Opaque keyset page tokens: the last key of a page, tagged with what is being listed so a token from one
 * list is refused by another. Tokens carry no secrets; a tampered one is just an unknown position.
 */
import { errors } from '../errors.js';

export function pageToken(kind: string, lastKey: string): string {
  return Buffer.from(JSON.stringify([kind, lastKey]), 'utf8').toString('base64url');
}

/** The key to continue after, or undefined for the first page; InvalidParameterException on a foreign token. */
export function afterKey(kind: string, token: string | undefined, member = 'NextToken'): string | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v[0] === kind && typeof v[1] === 'string') return v[1];
  } catch {
    // fall through: not one of ours
  }
  throw errors.invalidParameter(`Invalid ${member}: the token does not belong to this list.`);
}

/** Splits a fetched page (limit + 1 rows) into the page and the token for the next one. */
export function splitPage<T>(rows: T[], limit: number, kind: string, keyOf: (row: T) => string): { items: T[]; next?: string } {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: pageToken(kind, keyOf(items[items.length - 1]!)) };
}
