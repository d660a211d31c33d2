/**
 * Turns a zod failure into Cognito's InvalidParameterException text, which names each member in camelCase
 * ("1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: …").
 */
import type { ZodError, ZodIssue } from 'zod';
import { errors, ServiceError } from '../errors.js';

const camel = (s: string | number) => (typeof s === 'number' ? `${s + 1}` : s.charAt(0).toLowerCase() + s.slice(1));

function describe(issue: ZodIssue): string {
  const where = issue.path.length ? issue.path.map(camel).join('.') : 'request';
  if (issue.code === 'invalid_type' && (issue.received === 'undefined' || issue.received === 'null')) {
    return `Value null at '${where}' failed to satisfy constraint: Member must not be null`;
  }
  if (issue.code === 'invalid_type') return `Value at '${where}' failed to satisfy constraint: Member must be of type ${issue.expected}, not ${issue.received}`;
  if (issue.code === 'unrecognized_keys') return `Unknown member(s) ${issue.keys.map((k) => `'${k}'`).join(', ')} at '${where}'`;
  // zod may quote the offending value; keep an echo of hostile input short.
  const text = issue.message.length > 300 ? `${issue.message.slice(0, 300)}...` : issue.message;
  return `Value at '${where}' failed to satisfy constraint: ${text}`;
}

export function validationError(err: ZodError): ServiceError {
  const n = err.issues.length;
  return errors.invalidParameter(`${n} validation error${n > 1 ? 's' : ''} detected: ${err.issues.slice(0, 5).map(describe).join('; ')}`);
}
