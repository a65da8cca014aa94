import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy.ts';
import { RendererSession } from '../support/renderer-session.ts';

describe('the page, its CSP and the bridge, as Chromium runs them', () => {
  let session: RendererSession;

  beforeAll(async () => {
    session = await RendererSession.openUnlocked();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('S3: the page is served with the production CSP header', async () => {
    const response = await session.page.request.get(session.preview.origin + '/');
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('S3: the app runs without a single CSP violation (zod is jitless)', async () => {
    await session.goTo('Settings');
    await session.page.getByLabel('Server address').fill('not a url');
    await session.page
      .getByRole('form', { name: 'Enroll this laptop' })
      .getByRole('button', { name: 'Enroll' })
      .click();
    // zod runs in the page to check both fields: each gets its own message, with no CSP report.
    await session.page.getByRole('alert').first().waitFor();
    expect(await session.page.getByRole('alert').count()).toBe(2);
    expect(await session.cspViolations()).toEqual([]);
  });

  it('S3: an injected inline script does not run and is reported', async () => {
    const { page } = session;
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(await session.cspViolations()).toContainEqual(
      expect.objectContaining({ directive: 'script-src-elem' }),
    );
  });

  it('S3: string evaluation (setTimeout with code) is refused and reported', async () => {
    // page.evaluate itself runs outside the CSP, so the check goes through a string timer, which
    // Chromium evaluates as page code under 'script-src' without 'unsafe-eval'.
    const { page } = session;
    const ran = await page.evaluate(async () => {
      (window.setTimeout as (code: string, delay: number) => number)(
        'window.__evaluated = true',
        0,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __evaluated?: boolean }).__evaluated === true;
    });
    expect(ran).toBe(false);
    expect(await session.cspViolations()).toContainEqual(
      expect.objectContaining({ blocked: 'eval' }),
    );
  });

  it('S3: a script from another origin is refused', async () => {
    const loaded = await session.page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const script = document.createElement('script');
          script.src = 'http://127.0.0.2:9/evil.js';
          script.onload = () => resolve(true);
          script.onerror = () => resolve(false);
          document.head.append(script);
        }),
    );
    expect(loaded).toBe(false);
  });

  it('a malformed call through window.api gets VALIDATION_ERROR with the paths, and the app keeps working', async () => {
    const { page } = session;
    const result = await page.evaluate(() =>
      (
        window.api as unknown as { updateSettings(input: unknown): Promise<unknown> }
      ).updateSettings({
        theme: 'neon',
        fontSize: 40,
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_ERROR',
        issues: expect.arrayContaining([expect.objectContaining({ path: 'theme' })]),
      },
    });
    const settings = await page.evaluate(() => window.api?.getSettings());
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('a call for a procedure that does not exist gets NOT_FOUND from the host', async () => {
    const { page } = session;
    const result = await page.evaluate(async () => {
      const response = await fetch('/__bridge/call/deleteEverything', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: response.status, body: await response.json() };
    });
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('NOT_FOUND');
  });

  it("a page opened without this run's link says plainly that the link is not valid", async () => {
    const context = await session.page.context().browser()!.newContext();
    try {
      const page = await context.newPage();
      await page.goto(session.preview.origin + '/');
      await page.getByRole('heading', { name: 'SALW Field could not start' }).waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'This preview link is no longer valid',
      );
    } finally {
      await context.close();
    }
  });

  it('when the host stops, a call says it is unreachable instead of hanging', async () => {
    const { page } = session;
    await session.preview.stop();
    const result = await page.evaluate(() => window.api?.getSettings());
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await session.restart();
  });
});
