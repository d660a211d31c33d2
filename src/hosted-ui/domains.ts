/**
 * Sign-in domains of user pools (CreateUserPoolDomain … DeleteUserPoolDomain) and the Host → pool lookup the
 * hosted UI uses. A prefix domain `p` is served at `p.{authBaseDomain}` and at `{publicUrl}/domain/p/…`; a
 * custom domain (with CustomDomainConfig.CertificateArn) at its own host name. A pool has at most one of each,
 * and a domain belongs to one pool (the store's primary key). The pool config keeps `Domain` / `CustomDomain`
 * so DescribeUserPool shows them, as Cognito does. No HTTP here.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { domainsRepo, type DomainRow } from '../store/hosted-ui-repo.js';
import { mutatePoolConfig } from '../user-pools/pool-admin.js';
import { getPool } from '../user-pools/pools.js';

export const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
/** Cognito refuses prefixes containing its own brand names. */
const RESERVED = /aws|amazon|cognito/;
const CERT_ARN = /^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:\d{12}:certificate\/[\w+=/,.@-]+$/;

export interface DomainInput {
  UserPoolId: string;
  Domain: string;
  ManagedLoginVersion?: number;
  CustomDomainConfig?: { CertificateArn: string };
}

function checkDomain(input: DomainInput): 'prefix' | 'custom' {
  const custom = input.CustomDomainConfig !== undefined;
  if (custom) {
    if (!HOSTNAME.test(input.Domain)) throw errors.invalidParameter(`Domain ${input.Domain} is not a valid host name for a custom domain.`);
    if (!CERT_ARN.test(input.CustomDomainConfig!.CertificateArn)) {
      throw errors.invalidParameter('CustomDomainConfig.CertificateArn must be an ACM certificate ARN (arn:aws:acm:{region}:{account}:certificate/{id}).');
    }
    return 'custom';
  }
  if (!PREFIX.test(input.Domain)) {
    throw errors.invalidParameter(`Domain ${input.Domain} is not a valid prefix: lower-case letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit.`);
  }
  if (RESERVED.test(input.Domain)) throw errors.invalidParameter(`Domain cannot contain reserved word: ${RESERVED.exec(input.Domain)![0]}`);
  return 'prefix';
}

function checkVersion(v: number | undefined): number {
  if (v === undefined) return 1;
  if (v !== 1 && v !== 2) throw errors.invalidParameter('ManagedLoginVersion must be 1 (classic hosted UI) or 2 (managed login).');
  return v;
}

const cloudFront = (row: DomainRow) => (row.kind === 'custom' ? { CloudFrontDomain: row.domain } : {});

export async function createDomain(svc: Services, input: DomainInput) {
  const kind = checkDomain(input);
  const version = checkVersion(input.ManagedLoginVersion);
  await getPool(svc, input.UserPoolId);
  const owned = await domainsRepo.ofPool(svc.db, input.UserPoolId);
  if (owned.some((d) => d.kind === kind)) {
    throw errors.invalidParameter(`User pool ${input.UserPoolId} already has a ${kind === 'custom' ? 'custom' : 'prefix'} domain configured.`);
  }
  const now = svc.clock.now();
  const row: DomainRow = {
    domain: input.Domain,
    pool_id: input.UserPoolId,
    kind,
    certificate_arn: input.CustomDomainConfig?.CertificateArn ?? null,
    managed_login_version: version,
    created_at: now,
    updated_at: now,
  };
  if (!(await domainsRepo.insert(svc.db, row))) throw errors.invalidParameter('Domain already associated with another user pool.');
  try {
    await mutatePoolConfig(svc, input.UserPoolId, (pool) => ({ ...pool.config, [kind === 'custom' ? 'CustomDomain' : 'Domain']: input.Domain }));
  } catch (e) {
    // The pool vanished meanwhile: leave no orphan domain behind.
    await domainsRepo.delete(svc.db, input.Domain, input.UserPoolId);
    throw e;
  }
  return { ManagedLoginVersion: version, ...cloudFront(row) };
}

/** DomainDescriptionType; an unknown domain gives an empty description, as Cognito answers. */
export async function describeDomain(svc: Services, domain: string) {
  const row = await domainsRepo.get(svc.db, domain);
  if (!row) return { DomainDescription: {} };
  return {
    DomainDescription: {
      UserPoolId: row.pool_id,
      AWSAccountId: svc.config.accountId,
      Domain: row.domain,
      S3Bucket: 'cognate-hosted-ui',
      CloudFrontDistribution: row.kind === 'custom' ? row.domain : `${row.domain}.${svc.config.authBaseDomain}`,
      Version: String(row.updated_at),
      Status: 'ACTIVE',
      ...(row.certificate_arn ? { CustomDomainConfig: { CertificateArn: row.certificate_arn } } : {}),
      ManagedLoginVersion: row.managed_login_version,
    },
  };
}

async function ownedRow(svc: Services, poolId: string, domain: string): Promise<DomainRow> {
  await getPool(svc, poolId);
  const row = await domainsRepo.get(svc.db, domain);
  if (!row || row.pool_id !== poolId) throw errors.invalidParameter('No such domain or user pool exists.');
  return row;
}

export async function updateDomain(svc: Services, input: DomainInput) {
  const row = await ownedRow(svc, input.UserPoolId, input.Domain);
  if (input.CustomDomainConfig && row.kind !== 'custom') throw errors.invalidParameter('CustomDomainConfig applies to custom domains only.');
  if (input.CustomDomainConfig) checkDomain(input);
  const version = input.ManagedLoginVersion === undefined ? row.managed_login_version : checkVersion(input.ManagedLoginVersion);
  const next = { ...row, certificate_arn: input.CustomDomainConfig?.CertificateArn ?? row.certificate_arn, managed_login_version: version, updated_at: svc.clock.now() };
  await domainsRepo.update(svc.db, row.domain, row.pool_id, { certificate_arn: next.certificate_arn, managed_login_version: version, updated_at: next.updated_at });
  return { ManagedLoginVersion: version, ...cloudFront(next) };
}

export async function deleteDomain(svc: Services, poolId: string, domain: string): Promise<void> {
  const row = await ownedRow(svc, poolId, domain);
  if (!(await domainsRepo.delete(svc.db, domain, poolId))) throw errors.invalidParameter('No such domain or user pool exists.');
  const member = row.kind === 'custom' ? 'CustomDomain' : 'Domain';
  await mutatePoolConfig(svc, poolId, (pool) => {
    const { [member]: _gone, ...rest } = pool.config;
    return rest as typeof pool.config;
  });
}

/**
 * The registered domain a request's Host names: `{prefix}.{authBaseDomain}` or a custom domain. Undefined for
 * any other host (the API listener, an IP address), where pages resolve the pool from client_id alone.
 */
export async function domainForHost(svc: Services, hostname: string): Promise<DomainRow | undefined> {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const base = `.${svc.config.authBaseDomain}`;
  if (host.endsWith(base)) {
    const prefix = host.slice(0, -base.length);
    if (!PREFIX.test(prefix)) return undefined;
    const row = await domainsRepo.get(svc.db, prefix);
    return row?.kind === 'prefix' ? row : undefined;
  }
  if (!HOSTNAME.test(host)) return undefined;
  const row = await domainsRepo.get(svc.db, host);
  return row?.kind === 'custom' ? row : undefined;
}

/** A path-form domain (`/domain/{prefix}/…`): prefix domains only. */
export async function domainByPrefix(svc: Services, prefix: string): Promise<DomainRow | undefined> {
  if (!PREFIX.test(prefix)) return undefined;
  const row = await domainsRepo.get(svc.db, prefix);
  return row?.kind === 'prefix' ? row : undefined;
}
