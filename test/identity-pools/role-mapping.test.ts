/**
 * The role-choice rules (pure): default roles, Token mapping (preferred role, several roles, CustomRoleArn),
 * Rules mapping (each match type, first match wins, list claims), and AmbiguousRoleResolution. A wrong choice
 * hands a user another role's permissions, so every branch has a case that would fail if it broke.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseRole, ruleMatches } from '../../src/identity-pools/role-mapping.js';
import { principalTagsFor } from '../../src/identity-pools/principal-tags.js';
import type { MappingRule, RoleMapping } from '../../src/identity-pools/types.js';

const AUTH = 'arn:aws:iam::000000000000:role/auth';
const GUEST = 'arn:aws:iam::000000000000:role/guest';
const ADMIN = 'arn:aws:iam::000000000000:role/admin';
const PAID = 'arn:aws:iam::000000000000:role/paid';
const roles = { authenticated: AUTH, unauthenticated: GUEST };

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return { type: e.type as string, message: e.message as string };
  }
  throw new Error('expected an error');
};

const rules = (list: Partial<MappingRule>[], ambiguous: 'AuthenticatedRole' | 'Deny' = 'AuthenticatedRole'): RoleMapping => ({
  Type: 'Rules',
  AmbiguousRoleResolution: ambiguous,
  RulesConfiguration: { Rules: list.map((r) => ({ Claim: 'x', MatchType: 'Equals', Value: 'v', RoleARN: ADMIN, ...r }) as MappingRule) },
});

describe('default roles', () => {
  it('gives guests the unauthenticated role and users the authenticated one', () => {
    assert.equal(chooseRole({ authenticated: false, roles, claims: {} }), GUEST);
    assert.equal(chooseRole({ authenticated: true, roles, claims: {} }), AUTH);
  });
  it('refuses with InvalidIdentityPoolConfigurationException when the role is not configured', () => {
    assert.equal(errorOf(() => chooseRole({ authenticated: false, roles: { authenticated: AUTH }, claims: {} })).type, 'InvalidIdentityPoolConfigurationException');
    assert.equal(errorOf(() => chooseRole({ authenticated: true, roles: {}, claims: {} })).type, 'InvalidIdentityPoolConfigurationException');
  });
  it('never lets a guest reach a role mapping', () => {
    assert.equal(chooseRole({ authenticated: false, roles, claims: { x: 'v' }, mapping: rules([{}]) }), GUEST);
  });
});

describe('Token mapping', () => {
  const token = (ambiguous: 'AuthenticatedRole' | 'Deny' = 'Deny'): RoleMapping => ({ Type: 'Token', AmbiguousRoleResolution: ambiguous });
  it('uses cognito:preferred_role', () => {
    assert.equal(chooseRole({ authenticated: true, roles, mapping: token(), claims: { 'cognito:roles': [ADMIN, PAID], 'cognito:preferred_role': ADMIN } }), ADMIN);
  });
  it('resolves several roles without a preferred one by AmbiguousRoleResolution', () => {
    const claims = { 'cognito:roles': [ADMIN, PAID] };
    assert.equal(chooseRole({ authenticated: true, roles, mapping: token('AuthenticatedRole'), claims }), AUTH);
    assert.equal(errorOf(() => chooseRole({ authenticated: true, roles, mapping: token('Deny'), claims })).type, 'NotAuthorizedException');
    assert.equal(errorOf(() => chooseRole({ authenticated: true, roles, mapping: token('Deny'), claims: {} })).type, 'NotAuthorizedException');
  });
  it('honours a CustomRoleArn only when the token lists it', () => {
    const claims = { 'cognito:roles': [ADMIN, PAID], 'cognito:preferred_role': ADMIN };
    assert.equal(chooseRole({ authenticated: true, roles, mapping: token(), claims, customRoleArn: PAID }), PAID);
    assert.equal(errorOf(() => chooseRole({ authenticated: true, roles, mapping: token(), claims, customRoleArn: AUTH })).type, 'NotAuthorizedException');
  });
});

describe('Rules mapping', () => {
  it('matches each MatchType as documented', () => {
    const m = (MatchType: MappingRule['MatchType'], Value: string, claims: Record<string, unknown>) =>
      ruleMatches({ Claim: 'c', MatchType, Value, RoleARN: ADMIN }, claims);
    assert.equal(m('Equals', 'paid', { c: 'paid' }), true);
    assert.equal(m('Equals', 'paid', { c: 'paid-plus' }), false);
    assert.equal(m('Contains', 'aid', { c: 'paid' }), true);
    assert.equal(m('Contains', 'x', { c: 'paid' }), false);
    assert.equal(m('StartsWith', 'pa', { c: 'paid' }), true);
    assert.equal(m('StartsWith', 'aid', { c: 'paid' }), false);
    assert.equal(m('NotEqual', 'free', { c: 'paid' }), true);
    assert.equal(m('NotEqual', 'paid', { c: 'paid' }), false);
    assert.equal(m('NotEqual', 'free', {}), false, 'NotEqual needs the claim to exist');
    assert.equal(m('Equals', 'true', { c: true }), true, 'booleans compare as text');
    assert.equal(m('Equals', 'admins', { c: ['users', 'admins'] }), true, 'a list claim matches by any member');
    assert.equal(m('NotEqual', 'admins', { c: ['users', 'admins'] }), false);
  });
  it('takes the first matching rule in order', () => {
    const mapping = rules([{ Claim: 'tier', Value: 'gold', RoleARN: PAID }, { Claim: 'dept', Value: 'ops', RoleARN: ADMIN }]);
    assert.equal(chooseRole({ authenticated: true, roles, mapping, claims: { tier: 'gold', dept: 'ops' } }), PAID);
    assert.equal(chooseRole({ authenticated: true, roles, mapping, claims: { tier: 'free', dept: 'ops' } }), ADMIN);
  });
  it('applies AmbiguousRoleResolution when nothing matches', () => {
    assert.equal(chooseRole({ authenticated: true, roles, mapping: rules([{ Claim: 'tier', Value: 'gold' }]), claims: {} }), AUTH);
    const denied = errorOf(() => chooseRole({ authenticated: true, roles, mapping: rules([{ Claim: 'tier', Value: 'gold' }], 'Deny'), claims: { tier: 'free' } }));
    assert.equal(denied.type, 'NotAuthorizedException');
  });
  it('honours a CustomRoleArn only among the matching rules', () => {
    const mapping = rules([{ Claim: 'tier', Value: 'gold', RoleARN: PAID }, { Claim: 'tier', MatchType: 'StartsWith', Value: 'go', RoleARN: ADMIN }]);
    assert.equal(chooseRole({ authenticated: true, roles, mapping, claims: { tier: 'gold' }, customRoleArn: ADMIN }), ADMIN);
    assert.equal(errorOf(() => chooseRole({ authenticated: true, roles, mapping, claims: { tier: 'silver' }, customRoleArn: ADMIN })).type, 'NotAuthorizedException');
  });
});

describe('principal tags from claims', () => {
  it('maps nothing without a map, the defaults with UseDefaults, and custom claims', () => {
    const claims = { aud: 'client1', sub: 'user-sub', 'custom:dept': 'ops', 'cognito:groups': ['a', 'b'] };
    assert.deepEqual(principalTagsFor(undefined, 'userpool', claims), {});
    assert.deepEqual(principalTagsFor({ UseDefaults: true, PrincipalTags: {} }, 'userpool', claims), { client: 'client1', username: 'user-sub' });
    assert.deepEqual(principalTagsFor({ UseDefaults: false, PrincipalTags: { dept: 'custom:dept', groups: 'cognito:groups', none: 'missing' } }, 'userpool', claims), {
      dept: 'ops',
      groups: 'a,b',
    });
  });
});
