/**
 * A federated sign-in that cannot go on. It is a ServiceError (so any adapter can render it) that also carries
 * the OAuth 2.0 error code the browser's redirect to the app should show (RFC 6749 §4.1.2.1). Messages say
 * what went wrong with the external provider and never carry its tokens or secrets.
 */
import { ServiceError } from '../errors.js';

export class FederationError extends ServiceError {
  readonly oauthError: string;
  constructor(message: string, oauthError = 'invalid_request') {
    super('InvalidParameterException', message, 400);
    this.oauthError = oauthError;
  }
}
