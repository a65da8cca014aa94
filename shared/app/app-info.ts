import { z } from 'zod';

/** What the About page shows; every value comes from the running host, never from the renderer. */
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDirectory: z.string(),
  platform: z.string(),
  arch: z.string(),
  runtime: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('electron'),
      electron: z.string(),
      chrome: z.string(),
      node: z.string(),
    }),
    z.object({ kind: z.literal('browser-preview'), node: z.string() }),
  ]),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
