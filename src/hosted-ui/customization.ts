/**
 * Classic hosted-UI branding (SetUICustomization / GetUICustomization): a sanitized stylesheet and a logo per
 * pool (`ALL`) or per app client; a client's setting replaces the pool's, it does not merge. The logo must be a
 * real PNG or JPEG (magic bytes) of at most 100 KB. A call replaces both CSS and logo. The pool needs a domain
 * first, as in Cognito. No HTTP here; pages read `brandingFor`, the asset route reads `logoOf`.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { domainsRepo, uiCustomizationsRepo, type UiCustomizationRow } from '../store/hosted-ui-repo.js';
import { getPool, getPoolClient } from '../user-pools/pools.js';
import { sanitizeCss } from './css-filter.js';

export const ALL = 'ALL';
export const MAX_LOGO_BYTES = 100 * 1024;

export interface SetInput { UserPoolId: string; ClientId?: string; CSS?: string; ImageFile?: string }

function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** `20250115191928`: Cognito's CSSVersion shape (UTC). */
const version = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

function checkLogo(base64: string): { image: string; type: string } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw errors.invalidParameter('ImageFile is empty or not base64.');
  if (bytes.length > MAX_LOGO_BYTES) throw errors.invalidParameter(`ImageFile is ${bytes.length} bytes; the logo may be at most ${MAX_LOGO_BYTES} bytes (100 KB).`);
  const type = imageType(bytes);
  if (!type) throw errors.invalidParameter('ImageFile must be a PNG or JPEG image.');
  return { image: bytes.toString('base64'), type };
}

async function scope(svc: Services, poolId: string, clientId: string | undefined): Promise<string> {
  if (clientId === undefined || clientId === ALL) {
    await getPool(svc, poolId);
    return ALL;
  }
  await getPoolClient(svc, poolId, clientId);
  return clientId;
}

export function uiCustomizationType(svc: Services, row: UiCustomizationRow) {
  return {
    UserPoolId: row.pool_id,
    ClientId: row.client_id,
    ...(row.image ? { ImageUrl: logoUrl(svc, row) } : {}),
    ...(row.css !== null ? { CSS: row.css } : {}),
    CSSVersion: row.css_version,
    CreationDate: row.created_at / 1000,
    LastModifiedDate: row.updated_at / 1000,
  };
}

/** Where the logo is served: a path every listener answers, versioned so browsers never show a stale one. */
export const logoPath = (row: Pick<UiCustomizationRow, 'pool_id' | 'client_id' | 'css_version'>) =>
  `/ui-assets/${encodeURIComponent(row.pool_id)}/${encodeURIComponent(row.client_id)}/logo?v=${row.css_version}`;
export const cssPath = (row: Pick<UiCustomizationRow, 'pool_id' | 'client_id' | 'css_version'>) =>
  `/ui-assets/${encodeURIComponent(row.pool_id)}/${encodeURIComponent(row.client_id)}/custom.css?v=${row.css_version}`;
const logoUrl = (svc: Services, row: UiCustomizationRow) => `${svc.config.publicUrl}${logoPath(row)}`;

export async function setUiCustomization(svc: Services, input: SetInput) {
  const clientId = await scope(svc, input.UserPoolId, input.ClientId);
  if ((await domainsRepo.ofPool(svc.db, input.UserPoolId)).length === 0) {
    throw errors.invalidParameter('There has to be an existing domain associated with this user pool');
  }
  const css = input.CSS === undefined ? null : sanitizeCss(input.CSS);
  const logo = input.ImageFile === undefined ? undefined : checkLogo(input.ImageFile);
  const now = svc.clock.now();
  const old = await uiCustomizationsRepo.get(svc.db, input.UserPoolId, clientId);
  const row: UiCustomizationRow = {
    pool_id: input.UserPoolId,
    client_id: clientId,
    css,
    image: logo?.image ?? null,
    image_type: logo?.type ?? null,
    css_version: version(now),
    created_at: old?.created_at ?? now,
    updated_at: now,
  };
  await uiCustomizationsRepo.put(svc.db, row);
  return { UICustomization: uiCustomizationType(svc, row) };
}

/** The client's customization, else the pool's; with neither, an empty `ALL` entry. */
export async function getUiCustomization(svc: Services, poolId: string, clientId: string | undefined) {
  const id = await scope(svc, poolId, clientId);
  const row = await effective(svc, poolId, id);
  if (row) return { UICustomization: uiCustomizationType(svc, row) };
  return { UICustomization: { UserPoolId: poolId, ClientId: ALL } };
}

async function effective(svc: Services, poolId: string, clientId: string): Promise<UiCustomizationRow | undefined> {
  if (clientId !== ALL) {
    const own = await uiCustomizationsRepo.get(svc.db, poolId, clientId);
    if (own) return own;
  }
  return uiCustomizationsRepo.get(svc.db, poolId, ALL);
}

export interface Branding {
  /** Path of the customer stylesheet, when there is CSS. */
  readonly cssHref?: string;
  /** Path of the logo, when there is one. */
  readonly logoSrc?: string;
}

/** What a page of this client shows: its stylesheet and logo paths. */
export async function brandingFor(svc: Services, poolId: string, clientId: string | undefined): Promise<Branding> {
  const row = clientId === undefined ? await uiCustomizationsRepo.get(svc.db, poolId, ALL) : await effective(svc, poolId, clientId);
  if (!row) return {};
  return { ...(row.css ? { cssHref: cssPath(row) } : {}), ...(row.image ? { logoSrc: logoPath(row) } : {}) };
}

/** The stored asset of one customization row (exact row: the asset URLs name it). */
export async function assetOf(svc: Services, poolId: string, clientId: string) {
  return uiCustomizationsRepo.get(svc.db, poolId, clientId);
}
