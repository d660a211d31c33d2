/** InitiateAuth (public): starts a sign-in for an app client; rules in src/auth/initiate.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { initiateAuth } from '../../auth/initiate.js';
import { cleanParams } from '../../auth/context.js';
import { INITIATE_COMPAT, initiateFields, userContextData } from '../../auth/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'InitiateAuth',
  auth: 'none',
  compat: INITIATE_COMPAT,
  input: z.object({ ...initiateFields, UserContextData: userContextData }),
  run: (input, ctx) =>
    initiateAuth(ctx.svc, {
      api: 'public',
      authFlow: input.AuthFlow,
      clientId: input.ClientId,
      params: cleanParams(input.AuthParameters),
      sourceIp: ctx.sourceIp,
      clientMetadata: input.ClientMetadata,
    }),
});
