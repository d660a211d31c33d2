/** Zod shapes of the resource-server operations, with the model's patterns and lengths. */
import { z } from 'zod';
import { str } from '../user-pools/shapes.js';

export const RS_IDENTIFIER = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
export const RS_NAME = /^[\w\s+=,.@-]+$/;
export const RS_SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/;

export const identifier = () => str(1, 256, RS_IDENTIFIER);
export const resourceServerName = () => str(1, 256, RS_NAME);
export const scopes = () =>
  z
    .array(z.object({ ScopeName: str(1, 256, RS_SCOPE_NAME), ScopeDescription: str(1, 256) }))
    .max(100, 'Member must have length less than or equal to 100');
