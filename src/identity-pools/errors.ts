/**
 * Error types of the Cognito Identity API that the shared family (src/errors.ts) does not name, with the
 * messages clients see. The `__type` strings are what the SDK matches on and must never be reworded.
 */
import { ServiceError } from '../errors.js';

export const identityErrors = {
  invalidConfiguration: (message = 'Invalid identity pool configuration. Check assigned IAM roles for this pool.') =>
    new ServiceError('InvalidIdentityPoolConfigurationException', message),
  resourceConflict: (message: string) => new ServiceError('ResourceConflictException', message),
  developerUserAlreadyRegistered: (message: string) => new ServiceError('DeveloperUserAlreadyRegisteredException', message),
  externalService: (message: string) => new ServiceError('ExternalServiceException', message),
};
