/**
 * The ListUsers filter language: `attr = "value"` or `attr ^= "value"` (prefix), one attribute, `\"` and `\\`
 * escapes, empty = everything. Maps Cognito's searchable attributes onto indexed columns; anything else
 * (custom attributes included) is InvalidParameterException.
 */
import { errors } from '../errors.js';
import type { SearchColumn } from '../store/users-repo.js';

export type ParsedFilter = { column: SearchColumn; op: '=' | '^='; value: string | number } | 'none' | undefined;

const COLUMNS: Record<string, SearchColumn> = {
  username: 'username',
  email: 'email',
  phone_number: 'phone_number',
  name: 'name',
  given_name: 'given_name',
  family_name: 'family_name',
  preferred_username: 'preferred_username',
  sub: 'sub',
  'cognito:user_status': 'status',
};

const GRAMMAR = /^\s*([A-Za-z_][\w:]*)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/s;

/** undefined = no filter; 'none' = a filter nothing can match. */
export function parseFilter(text: string | undefined): ParsedFilter {
  if (text === undefined || text.trim() === '') return undefined;
  const m = GRAMMAR.exec(text);
  if (!m) throw errors.invalidParameter('Error while parsing filter.');
  const [, attr, op, raw] = m as unknown as [string, string, '=' | '^=', string];
  const value = raw.replace(/\\(.)/gs, '$1');
  if (attr === 'status') {
    const matches = (['Enabled', 'Disabled'] as const).filter((s) => (op === '=' ? s === value : s.startsWith(value)));
    if (matches.length === 0) return 'none';
    if (matches.length === 2) return undefined;
    return { column: 'enabled', op: '=', value: matches[0] === 'Enabled' ? 1 : 0 };
  }
  const column = COLUMNS[attr];
  if (!column) throw errors.invalidParameter(`Invalid search attribute: ${attr}. ListUsers can filter on ${[...Object.keys(COLUMNS), 'status'].join(', ')}.`);
  return { column, op, value: column === 'status' ? value.toUpperCase() : value };
}
