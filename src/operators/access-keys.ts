/**
 * Operator access keys: the credentials that sign control-plane and Admin* calls. Secrets are sealed under the
 * master key; a key's secret is shown exactly once, when it is created.
 */
import { accessKeysRepo } from '../store/access-keys.js';
import { ids } from '../crypto/random.js';
import type { Services } from '../services.js';

export interface CreatedKey { accessKeyId: string; secretAccessKey: string }

const context = (id: string) => `access-key:${id}`;

export async function createAccessKey(svc: Services, description = '', given?: CreatedKey): Promise<CreatedKey & { created: boolean }> {
  const accessKeyId = given?.accessKeyId ?? ids.accessKeyId();
  const secretAccessKey = given?.secretAccessKey ?? ids.secretAccessKey();
  const existing = await accessKeysRepo.get(svc.db, accessKeyId);
  if (existing) return { accessKeyId, secretAccessKey, created: false };
  await accessKeysRepo.insert(svc.db, {
    access_key_id: accessKeyId,
    secret_enc: svc.box.seal(secretAccessKey, context(accessKeyId)),
    description,
    status: 'Active',
    created_at: svc.clock.now(),
  });
  return { accessKeyId, secretAccessKey, created: true };
}

export async function listAccessKeys(svc: Services) {
  return (await accessKeysRepo.list(svc.db)).map((r) => ({
    accessKeyId: r.access_key_id,
    description: r.description,
    status: r.status,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}

export const deleteAccessKey = (svc: Services, id: string) => accessKeysRepo.delete(svc.db, id);

export async function secretFor(svc: Services, id: string): Promise<string | undefined> {
  const row = await accessKeysRepo.get(svc.db, id);
  if (!row || row.status !== 'Active') return undefined;
  return svc.box.open(row.secret_enc, context(id));
}
