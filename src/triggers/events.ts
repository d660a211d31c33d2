/**
 * Pieces of trigger events shared by every trigger: the user's attributes as Cognito puts them in
 * `request.userAttributes` (all strings, `sub`, `cognito:user_status`, and the alias flags when the pool signs
 * in with e-mail/phone aliases) and clientMetadata. Pure; never reads the store.
 */
import type { UserPool, UserRecord } from '../user-pools/types.js';

export function eventAttributes(pool: UserPool, user: Pick<UserRecord, 'sub' | 'status' | 'attributes'>): Record<string, string> {
  const out: Record<string, string> = { sub: user.sub };
  for (const [k, v] of Object.entries(user.attributes)) out[k] = String(v);
  out['cognito:user_status'] = user.status;
  const aliases = (pool.config.AliasAttributes ?? []) as string[];
  if (aliases.includes('email') && user.attributes.email && user.attributes.email_verified === 'true') out['cognito:email_alias'] = user.attributes.email;
  if (aliases.includes('phone_number') && user.attributes.phone_number && user.attributes.phone_number_verified === 'true') {
    out['cognito:phone_number_alias'] = user.attributes.phone_number;
  }
  return out;
}

/** `clientMetadata` as Cognito sends it: the request's ClientMetadata, or an empty map. */
export const metadata = (m: Readonly<Record<string, string>> | undefined): Record<string, string> => ({ ...(m ?? {}) });
