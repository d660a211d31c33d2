/**
 * Principal tags for a session (attributes for access control): a provider's map of tag key → token claim, or
 * Cognito's defaults when UseDefaults is set (user pools: `client` ← `aud`, `username` ← `sub`; OIDC
 * providers: `aud` ← `aud`, `sub` ← `sub`). A claim that is absent, or whose value cannot be a tag value, yields
 * no tag. Pure: no I/O.
 */
import { claimValues } from './role-mapping.js';
import type { PrincipalTagMap } from './types.js';

const DEFAULTS: Record<'userpool' | 'oidc', Record<string, string>> = {
  userpool: { client: 'aud', username: 'sub' },
  oidc: { aud: 'aud', sub: 'sub' },
};
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const MAX_TAGS = 50;
const MAX_VALUE = 256;

export function principalTagsFor(
  map: PrincipalTagMap | undefined,
  kind: 'userpool' | 'oidc' | 'developer',
  claims: Readonly<Record<string, unknown>>,
): Record<string, string> {
  if (!map) return {};
  const mapping = { ...(map.UseDefaults && kind !== 'developer' ? DEFAULTS[kind] : {}), ...map.PrincipalTags };
  const out: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(mapping)) {
    if (!TAG_KEY.test(tag) || Object.keys(out).length >= MAX_TAGS) continue;
    const values = claimValues(claims[claim]);
    if (!values || values.length === 0) continue;
    const value = values.join(',');
    if (value.length <= MAX_VALUE) out[tag] = value;
  }
  return out;
}
