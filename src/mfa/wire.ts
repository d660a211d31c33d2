/** Zod pieces of the MFA and device operations, following the Cognito model's member constraints. */
import { z } from 'zod';

// amazon-cognito-identity-js sends `null` for a factor it leaves alone.
const factor = z
  .object({ Enabled: z.boolean().nullable().optional(), PreferredMfa: z.boolean().nullable().optional() })
  .nullable()
  .optional()
  .transform((v) => (v ? { Enabled: v.Enabled ?? undefined, PreferredMfa: v.PreferredMfa ?? undefined } : undefined));
export const preferenceFields = {
  SMSMfaSettings: factor,
  SoftwareTokenMfaSettings: factor,
  EmailMfaSettings: factor,
  WebAuthnMfaSettings: z.object({ Enabled: z.boolean().nullable().optional() }).nullable().optional(),
};
export const mfaOptions = z.array(z.object({ DeliveryMedium: z.enum(['SMS', 'EMAIL']).optional(), AttributeName: z.string().min(1).max(32).optional() }));
export const deviceKey = z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-f-]+$/, 'Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+');
export const deviceLimit = z.number().int().min(0).max(60).optional();
export const paginationToken = z.string().min(1).optional();
export const rememberedStatus = z.enum(['remembered', 'not_remembered']).optional();
