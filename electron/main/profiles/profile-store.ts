/**
 * Saved wizard inventories ("profiles"), one JSON file each under the app's data folder.
 * Secrets are left out by default; when asked for, they are encrypted with the OS keyring
 * through a {@link SecretBox}, and refused when no keyring protects them.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { InventoryDocument } from '../../contract/common';
import type { LoadedProfile, ProfileSummary, SecretStorageStatus } from '../../contract/profiles';
import { mergeSecrets, splitSecrets } from './profile-secrets';

/** Encrypts secrets for this OS user (Electron's safeStorage in the app). */
export interface SecretBox {
  status(): Promise<SecretStorageStatus>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
}

const profileFileSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  savedAt: z.string(),
  inventory: z.record(z.string(), z.unknown()),
  /** base64 of the SecretBox ciphertext of a JSON object of secret values. */
  encryptedSecrets: z.string().optional(),
});

export class ProfileStore {
  constructor(
    private readonly dir: string,
    private readonly secretBox: SecretBox,
  ) {}

  async list(): Promise<ProfileSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const profiles: ProfileSummary[] = [];
    for (const file of names.filter((name) => name.endsWith('.json')).sort()) {
      const parsed = await this.readFile(join(this.dir, file)).catch(() => undefined);
      if (parsed) profiles.push(summaryOf(parsed));
    }
    return profiles;
  }

  async save(
    name: string,
    inventory: InventoryDocument,
    includeSecrets: boolean,
  ): Promise<ProfileSummary> {
    const { document, secrets } = splitSecrets(inventory);
    let encryptedSecrets: string | undefined;
    if (includeSecrets && Object.keys(secrets).length > 0) {
      const status = await this.secretBox.status();
      if (!status.available) {
        throw new Error(
          `Passwords were not saved: ${status.reason} Save the profile without passwords instead.`,
        );
      }
      encryptedSecrets = (await this.secretBox.encrypt(JSON.stringify(secrets))).toString('base64');
    }
    const file = {
      version: 1 as const,
      name,
      savedAt: new Date().toISOString(),
      inventory: document,
      ...(encryptedSecrets ? { encryptedSecrets } : {}),
    };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(name);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
    return summaryOf(file);
  }

  async load(name: string): Promise<LoadedProfile> {
    const file = await this.readFile(this.pathOf(name)).catch((error: unknown) => {
      throw new Error(
        `No profile named ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (!file.encryptedSecrets) return { name: file.name, inventory: file.inventory };
    const secrets = z
      .record(z.string(), z.string())
      .parse(
        JSON.parse(await this.secretBox.decrypt(Buffer.from(file.encryptedSecrets, 'base64'))),
      );
    return { name: file.name, inventory: mergeSecrets(file.inventory, secrets) };
  }

  async remove(name: string): Promise<boolean> {
    try {
      await rm(this.pathOf(name));
      return true;
    } catch {
      return false;
    }
  }

  private pathOf(name: string): string {
    // Names are checked by the contract (letters, digits, space, _ . -); no path separators.
    return join(this.dir, `${encodeURIComponent(name)}.json`);
  }

  private async readFile(path: string): Promise<z.infer<typeof profileFileSchema>> {
    return profileFileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  }
}

function summaryOf(file: z.infer<typeof profileFileSchema>): ProfileSummary {
  return {
    name: file.name,
    savedAt: file.savedAt,
    hostCount: Array.isArray(file.inventory.hosts) ? file.inventory.hosts.length : 0,
    hasSecrets: file.encryptedSecrets !== undefined,
  };
}
