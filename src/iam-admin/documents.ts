/**
 * Checks a policy document given to IAM or STS before it is stored or used: JSON, the policy grammar for its
 * kind (identity policies need Resource and no Principal; trust policies need Principal and no Resource), and
 * IAM's size limits. Failures are MalformedPolicyDocument naming the problem, as IAM answers.
 */
import { MalformedPolicyDocumentError, parsePolicy, type Policy, type PolicyKind } from '../iam/index.js';
import { iamErrors } from './errors.js';

export const LIMITS = { inline: 10240, managed: 6144, trust: 2048, session: 2048 } as const;

export function checkDocument(text: string, kind: PolicyKind, maxChars: number, what = 'policy document'): Policy {
  const size = text.replace(/\s/g, '').length;
  if (size > maxChars) throw iamErrors.limitExceeded(`Cannot exceed quota for ${what === 'policy document' ? 'PolicySize' : what}: ${maxChars}.`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (e) {
    throw iamErrors.malformedPolicyDocument(`The ${what} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parsePolicy(decoded as object, { kind });
  } catch (e) {
    if (e instanceof MalformedPolicyDocumentError) throw iamErrors.malformedPolicyDocument(e.message);
    throw e;
  }
}
