/** Zod shapes of the identity-provider operations, with the Cognito model's member constraints. */
import { z } from 'zod';
import { enumOf, str } from '../user-pools/shapes.js';
import { PROVIDER_TYPES } from './provider-config.js';

/** ProviderNameTypeV2 (new providers): no leading/trailing underscore or space. */
export const newProviderName = () => str(1, 32, /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u);
/** ProviderNameType (existing providers and links). */
export const providerName = () => str(1, 32, /^[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+$/u);
export const providerType = () => enumOf(PROVIDER_TYPES);
export const providerDetails = () => z.record(z.string().max(131072, 'Member must have length less than or equal to 131072'));
export const attributeMapping = () =>
  z.record(z.string().max(131072, 'Member must have length less than or equal to 131072')).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      if (k.length < 1 || k.length > 32) ctx.addIssue({ code: 'custom', message: `Member key ${k} must have length between 1 and 32` });
    }
  });
export const idpIdentifiers = () => z.array(str(1, 40)).max(50, 'Member must have length less than or equal to 50');
export const providerUser = () =>
  z.object({
    ProviderName: str(0, 32).optional(),
    ProviderAttributeName: str(0, 131072).optional(),
    ProviderAttributeValue: str(0, 131072).optional(),
  });
