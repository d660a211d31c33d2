/**
 * Output shapes of users as Cognito renders them: UserType (AdminCreateUser, ListUsers), AdminGetUser/GetUser
 * responses and GroupType. Dates are epoch seconds; absent members are omitted.
 */
import type { UserRecord } from '../user-pools/types.js';
import { attributeList, seconds } from './records.js';
import { mfaView } from '../mfa/settings.js';

const mfaMembers = (user: UserRecord) => mfaView(user);

/** UserType, with `keep` trimming attributes (AttributesToGet). */
export function userType(user: UserRecord, keep?: (name: string) => boolean) {
  const m = mfaMembers(user);
  return {
    Username: user.username,
    Attributes: attributeList(user, keep),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...(m.MFAOptions ? { MFAOptions: m.MFAOptions } : {}),
  };
}

export function adminGetUserView(user: UserRecord) {
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaMembers(user),
  };
}

export function getUserView(user: UserRecord, keep: (name: string) => boolean) {
  return { Username: user.username, UserAttributes: attributeList(user, keep), ...mfaMembers(user) };
}

export interface GroupRowLike {
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  updated_at: number;
}

export function groupType(poolId: string, g: GroupRowLike) {
  return {
    GroupName: g.name,
    UserPoolId: poolId,
    ...(g.description !== null ? { Description: g.description } : {}),
    ...(g.role_arn !== null ? { RoleArn: g.role_arn } : {}),
    ...(g.precedence !== null ? { Precedence: Number(g.precedence) } : {}),
    LastModifiedDate: seconds(Number(g.updated_at)),
    CreationDate: seconds(Number(g.created_at)),
  };
}
