import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * A web address the user clicked (a link in a terminal), for the system browser. Only http
 * and https: anything else (file:, javascript:, a custom scheme) could run or open things.
 */
export const openExternalRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2048),
});
export type OpenExternalRequest = z.infer<typeof openExternalRequestSchema>;
