import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from '../../../support/project.ts';
import { RendererSession } from '../../../support/renderer-session.ts';

describe('About in the browser preview', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the real version, data folder, platform and runtime of the running host', async () => {
    const { page } = session;
    await session.goTo('About');
    const { version } = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8'));
    await expect(page.getByTestId('about-version').textContent()).resolves.toBe(version);
    await expect(page.getByTestId('about-data-directory').textContent()).resolves.toBe(
      path.resolve(session.dataDir),
    );
    await expect(page.getByTestId('about-platform').textContent()).resolves.toBe(
      `${process.platform} (${process.arch})`,
    );
    await expect(page.getByTestId('about-runtime').textContent()).resolves.toBe(
      `Browser preview (Node.js ${process.versions.node})`,
    );
  });
});
