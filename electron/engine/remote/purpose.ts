import { localized, type Localized } from '../../shared/messages';
import type { probes } from '../../shared/messages/en/probes';

/** What a read-only command finds out, for `exec`'s `purpose` (catalog: `probes.*`). */
export function purpose(key: keyof typeof probes): Localized {
  return localized(`probes.${key}`);
}
