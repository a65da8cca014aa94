import path from 'node:path';
import { silentLogger } from '../../electron/logging/logger.ts';
import { startPreview, type RunningPreview } from '../../electron/preview/start-preview.ts';
import { projectDir, rendererBuildDir } from './project.ts';

/** The browser preview in this process, on a free loopback port, as `npm run preview` starts it. */
export function startTestPreview(dataDir: string): Promise<RunningPreview> {
  return startPreview({
    dataDir,
    port: 0,
    projectDir,
    rendererDir: rendererBuildDir,
    log: silentLogger,
  });
}

export const previewHostScript = path.join(projectDir, 'electron', 'preview', 'preview-host.ts');
