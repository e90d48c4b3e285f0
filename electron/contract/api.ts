import { z } from 'zod';

/** Every IPC channel, declared once. Main validates payloads against these schemas. */
export const channels = {
  appInfo: 'app:info',
} as const;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The API the preload exposes on `window.api`: named, typed functions only. */
export interface SwarmlabApi {
  appInfo(): Promise<AppInfo>;
}
