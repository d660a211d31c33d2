/**
 * MFA and device test helpers: pools with MFA turned on through the real admin API, amazon-cognito-identity-js
 * sign-ins turned into promises (each step resolves with the callback the library chose), a per-test storage so
 * remembered devices do not leak between tests, and TOTP codes from `otpauth` at the server's (movable) clock.
 */
import {
  CognitoIdentityProviderClient, SetUserPoolMfaConfigCommand, type SetUserPoolMfaConfigCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import { ADMIN, type TestServer } from '../helpers/server.js';

export { PASSWORD, createClient, createPool, createUser, failure } from '../auth/fixtures.js';
export { lastCode, outbox } from '../users/fixtures.js';

export const SMS_CONFIG = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns-caller', ExternalId: 'cognate-test' };

export async function setMfa(idp: CognitoIdentityProviderClient, poolId: string, input: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>) {
  return idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...input }));
}

/** The admin client for the server's current (possibly advanced) clock. */
export function admin(s: TestServer): CognitoIdentityProviderClient {
  if (s.clock.offset === 0) return s.idp;
  return new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1, systemClockOffset: s.clock.offset });
}

export class MemoryStorage implements ICognitoStorage {
  private m = new Map<string, string>();
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  clear() {
    this.m.clear();
  }
}

/** A TOTP code for a base32 secret at the server's clock, `steps` time steps away. */
export const totp = (s: TestServer, secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: s.clock.now() + steps * 30_000 });

/** Moves the server clock to the start of a fresh 30 s step, so consecutive codes are distinct. */
export function nextStep(s: TestServer): void {
  const now = s.clock.now();
  s.clock.advance(30_000 - (now % 30_000) + 1_000);
}

export type Step =
  | { kind: 'success'; session: CognitoUserSession; userConfirmationNecessary?: boolean }
  | { kind: 'totpRequired'; params: any }
  | { kind: 'mfaRequired'; params: any }
  | { kind: 'mfaSetup'; params: any }
  | { kind: 'selectMFAType'; params: any }
  | { kind: 'failure'; error: { code?: string; name?: string; message: string } };

/** Callbacks that settle with whichever the library calls. */
export function stepCallbacks(resolve: (s: Step) => void) {
  return {
    onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => resolve({ kind: 'success', session, userConfirmationNecessary }),
    onFailure: (error: any) => resolve({ kind: 'failure', error }),
    totpRequired: (_n: string, params: any) => resolve({ kind: 'totpRequired', params }),
    mfaRequired: (_n: string, params: any) => resolve({ kind: 'mfaRequired', params }),
    mfaSetup: (_n: string, params: any) => resolve({ kind: 'mfaSetup', params }),
    selectMFAType: (_n: string, params: any) => resolve({ kind: 'selectMFAType', params }),
    newPasswordRequired: () => resolve({ kind: 'failure', error: { message: 'unexpected newPasswordRequired' } }),
    customChallenge: () => resolve({ kind: 'failure', error: { message: 'unexpected customChallenge' } }),
  };
}

export function identityJs(s: TestServer, poolId: string, clientId: string, storage = new MemoryStorage()) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: s.url, Storage: storage });
  return {
    pool,
    storage,
    user: (username: string) => new CognitoUser({ Username: username, Pool: pool, Storage: storage }),
  };
}

export const signIn = (user: CognitoUser, username: string, password: string) =>
  new Promise<Step>((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), stepCallbacks(resolve)));

export const sendMfaCode = (user: CognitoUser, code: string, type: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP') =>
  new Promise<Step>((resolve) => user.sendMFACode(code, stepCallbacks(resolve), type));

export function expectStep<K extends Step['kind']>(step: Step, kind: K): Extract<Step, { kind: K }> {
  if (step.kind !== kind) {
    const detail = step.kind === 'failure' ? `${step.error.code ?? step.error.name}: ${step.error.message}` : step.kind === 'success' ? '' : JSON.stringify(step.params);
    throw new Error(`expected ${kind}, got ${step.kind} ${detail}`);
  }
  return step as Extract<Step, { kind: K }>;
}

/** associateSoftwareToken (with a session or signed in) → the base32 secret. */
export const associate = (user: CognitoUser) =>
  new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));

export const verifyToken = (user: CognitoUser, code: string, name = 'test phone') =>
  new Promise<Step>((resolve) => user.verifySoftwareToken(code, name, stepCallbacks(resolve) as any));

export const call = <T>(f: (cb: (err: any, r?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => f((err, r) => (err ? reject(err) : resolve(r as T))));
