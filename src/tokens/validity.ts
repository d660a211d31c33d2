/**
 * Token lifetimes of an app client, in seconds: IdTokenValidity / AccessTokenValidity / RefreshTokenValidity
 * scaled by TokenValidityUnits (default units hours / hours / days, Cognito's API defaults), with Cognito's
 * default lifetimes (60 min / 60 min / 30 days) when a value is absent (or 0 for the refresh token).
 */
import type { PoolClient } from '../user-pools/types.js';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export interface Validity { idSeconds: number; accessSeconds: number; refreshSeconds: number }

function scaled(value: unknown, unit: unknown, defaultUnit: string, fallbackSeconds: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return fallbackSeconds;
  const u = UNIT_SECONDS[typeof unit === 'string' ? unit : defaultUnit] ?? UNIT_SECONDS[defaultUnit]!;
  return Math.round(value * u);
}

export function clientValidity(client: PoolClient): Validity {
  const c = client.config;
  const units = (c.TokenValidityUnits ?? {}) as Record<string, unknown>;
  return {
    idSeconds: scaled(c.IdTokenValidity, units.IdToken, 'hours', 3600),
    accessSeconds: scaled(c.AccessTokenValidity, units.AccessToken, 'hours', 3600),
    refreshSeconds: scaled(c.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86400),
  };
}
