/**
 * IAM OpenID Connect providers: the external issuers whose ID tokens STS AssumeRoleWithWebIdentity (and
 * identity pools) accept. The ARN is `arn:aws:iam::{account}:oidc-provider/{host[/path]}` from the issuer URL;
 * the client ids are the accepted `aud` values. Thumbprints are stored but not used: Cognate fetches the JWKS
 * over the system's TLS trust instead (AWS does the same for most well-known issuers).
 */
import { iamErrors } from './errors.js';
import { oidcProviderArn } from './arns.js';
import { oidcProvidersRepo } from '../store/iam-repo.js';
import type { IamOidcProvidersTable } from '../store/tables.js';
import type { Tag } from './roles.js';
import type { Services } from '../services.js';

export interface OidcProvider { arn: string; url: string; clientIds: string[]; thumbprints: string[]; tags: Tag[]; createdAt: number }

const toProvider = (r: IamOidcProvidersTable): OidcProvider => ({
  arn: r.arn,
  url: r.url,
  clientIds: JSON.parse(r.client_ids),
  thumbprints: JSON.parse(r.thumbprints),
  tags: JSON.parse(r.tags),
  createdAt: Number(r.created_at),
});

/** `https://host[:port]/path` → `host[:port]/path` (no trailing slash), the provider's key in ARNs and Logins. */
export function issuerKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw iamErrors.invalidInput(`Url '${url}' is not a valid URL.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw iamErrors.invalidInput('Url must begin with https://.');
  if (u.search || u.hash) throw iamErrors.invalidInput('Url must not contain a query or fragment.');
  return `${u.host}${u.pathname}`.replace(/\/+$/, '');
}

export async function createOidcProvider(
  svc: Services,
  input: { Url: string; ClientIDList?: string[]; ThumbprintList?: string[]; Tags?: Tag[] },
): Promise<OidcProvider> {
  const hostPath = issuerKey(input.Url);
  const row: IamOidcProvidersTable = {
    arn: oidcProviderArn(svc, hostPath),
    url: input.Url.replace(/\/+$/, ''),
    client_ids: JSON.stringify([...new Set(input.ClientIDList ?? [])]),
    thumbprints: JSON.stringify(input.ThumbprintList ?? []),
    tags: JSON.stringify(input.Tags ?? []),
    created_at: svc.clock.now(),
  };
  if (!(await oidcProvidersRepo.insert(svc.db, row))) throw iamErrors.entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
  return toProvider(row);
}

export async function getOidcProvider(svc: Services, arn: string): Promise<OidcProvider> {
  const row = await oidcProvidersRepo.get(svc.db, arn);
  if (!row) throw iamErrors.noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return toProvider(row);
}

export async function deleteOidcProvider(svc: Services, arn: string): Promise<void> {
  if (!(await oidcProvidersRepo.delete(svc.db, arn))) throw iamErrors.noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
}

export async function listOidcProviders(svc: Services): Promise<OidcProvider[]> {
  return (await oidcProvidersRepo.list(svc.db)).map(toProvider);
}

/** The registered provider for a token issuer (`iss`), if any. */
export async function oidcProviderForIssuer(svc: Services, iss: string): Promise<OidcProvider | undefined> {
  let hostPath: string;
  try {
    hostPath = issuerKey(iss);
  } catch {
    return undefined;
  }
  const row = await oidcProvidersRepo.get(svc.db, oidcProviderArn(svc, hostPath));
  return row ? toProvider(row) : undefined;
}
