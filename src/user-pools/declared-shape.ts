/**
 * The shape of `userPools:` in cognate.yaml: each pool as CreateUserPool members plus `Name` (its identity key),
 * an optional pinned `Id`, the pool MFA factors SetUserPoolMfaConfig would set, and its `Clients` (identity
 * `ClientName`, or a pinned `ClientId`, optional pinned `ClientSecret`) and `Groups` (identity `GroupName`).
 * Strict: an unknown or misspelt key fails start with its full path, e.g. `userPools[0].Clients[1].ExplicitAuthFlows`.
 */
import { z, type ZodIssue } from 'zod';
import { bool, CLIENT_ID, CLIENT_NAME, controlPlaneShapes, enumOf, GROUP_NAME, POOL_NAME, str } from './shapes.js';

const s = controlPlaneShapes(true);

const declaredClient = s.obj({
  ClientName: str(1, 128, CLIENT_NAME),
  ClientId: str(1, 128, CLIENT_ID).optional(),
  ClientSecret: str(24, 64, /^[\w+]+$/).optional(),
  GenerateSecret: bool().optional(),
  ...s.client,
});

const declaredGroup = s.obj({ GroupName: str(1, 128, GROUP_NAME), ...s.group });

const declaredPool = s.obj({
  Name: str(1, 128, POOL_NAME),
  Id: str(1, 55, /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9a-zA-Z]+$/).optional(),
  ...s.pool,
  SoftwareTokenMfaConfiguration: s.obj({ Enabled: bool() }).optional(),
  EmailMfaConfiguration: s.obj({ Message: str(6, 20000).optional(), Subject: str(1, 140).optional() }).optional(),
  WebAuthnConfiguration: s
    .obj({
      RelyingPartyId: str(1, 63).optional(),
      UserVerification: enumOf(['required', 'preferred']).optional(),
      FactorConfiguration: enumOf(['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']).optional(),
    })
    .optional(),
  Clients: z.array(declaredClient).default([]),
  Groups: z.array(declaredGroup).default([]),
});

export const declaredSetup = z.array(declaredPool);
export type DeclaredPool = z.infer<typeof declaredPool>;
export type DeclaredClient = z.infer<typeof declaredClient>;
export type DeclaredGroup = z.infer<typeof declaredGroup>;

/** `userPools[0].Clients[1].ExplicitAuthFlows` from a zod path under `userPools`. */
export function configPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${p}`), 'userPools');
}

export function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `${configPath([...issue.path, k])}: unknown key`).join('; ');
  }
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `${configPath(issue.path)}: required`;
  return `${configPath(issue.path)}: ${issue.message}`;
}
