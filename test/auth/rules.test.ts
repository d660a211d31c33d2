/**
 * Pure sign-in rules: which flows a client allows (defaults, legacy names, API restrictions) and the lockout
 * schedule (free attempts, doubling, cap) — the parts a stranger would probe to lock accounts or pick flows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowedFlows, assertFlowAllowed } from '../../src/auth/flows.js';
import { lockMs, FREE_FAILURES, MAX_LOCK_MS } from '../../src/auth/lockout.js';
import type { PoolClient } from '../../src/user-pools/types.js';

const client = (ExplicitAuthFlows?: string[]): PoolClient => ({
  id: 'c1', poolId: 'us-east-1_x', config: { ClientId: 'c1', UserPoolId: 'us-east-1_x', ClientName: 'n', ...(ExplicitAuthFlows ? { ExplicitAuthFlows } : {}) },
});

function rejects(fn: () => void, type: string, message: string) {
  assert.throws(fn, (e: any) => e.type === type && e.message === message);
}

describe('auth flow rules', () => {
  it('defaults to refresh, SRP and custom auth', () => {
    assert.deepEqual([...allowedFlows(client())].sort(), ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    assertFlowAllowed(client(), 'USER_SRP_AUTH', 'public');
    rejects(() => assertFlowAllowed(client(), 'USER_PASSWORD_AUTH', 'public'), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
  });

  it('maps legacy names and keeps SRP and refresh on for legacy-only lists', () => {
    const c = client(['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH']);
    assert.deepEqual([...allowedFlows(c)].sort(), ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    assertFlowAllowed(c, 'ADMIN_NO_SRP_AUTH', 'admin');
    assertFlowAllowed(c, 'ADMIN_USER_PASSWORD_AUTH', 'admin');
  });

  it('uses exactly the ALLOW_ list when given', () => {
    const c = client(['ALLOW_USER_PASSWORD_AUTH']);
    rejects(() => assertFlowAllowed(c, 'USER_SRP_AUTH', 'public'), 'InvalidParameterException', 'USER_SRP_AUTH flow not enabled for this client');
    rejects(() => assertFlowAllowed(c, 'REFRESH_TOKEN_AUTH', 'public'), 'InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client');
  });

  it('keeps admin flows off the public API and the public password flow off the admin API', () => {
    const c = client(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    rejects(() => assertFlowAllowed(c, 'ADMIN_USER_PASSWORD_AUTH', 'public'), 'InvalidParameterException', 'Initiate Auth method not supported.');
    rejects(() => assertFlowAllowed(c, 'USER_PASSWORD_AUTH', 'admin'), 'InvalidParameterException', 'Initiate Auth method not supported.');
  });
});

describe('lockout schedule', () => {
  it('allows five failures, then doubles from one second up to fifteen minutes', () => {
    for (let n = 0; n < FREE_FAILURES; n++) assert.equal(lockMs(n), 0);
    assert.equal(lockMs(5), 1000);
    assert.equal(lockMs(6), 2000);
    assert.equal(lockMs(10), 32_000);
    assert.equal(lockMs(15), MAX_LOCK_MS);
    assert.equal(lockMs(1000), MAX_LOCK_MS);
  });
});
