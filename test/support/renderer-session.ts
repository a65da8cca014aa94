import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningPreview } from '../../electron/preview/start-preview.ts';
// Brings the renderer's declaration of window.api into the tests' page callbacks.
import type {} from '../../renderer/api.ts';
import { launchChromium } from '../../packaging/chromium.ts';
import { startTestPreview } from './preview.ts';
import { makeTempDir } from './temp-dir.ts';

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

/**
 * One person's session with the app in the browser preview: a real preview host (real services,
 * real settings on disk in a fresh data folder) and a Chromium page opened on the printed URL.
 * `restart()` stops the host and starts a new one on the same data folder, as a person would.
 */
export class RendererSession {
  page!: Page;
  preview!: RunningPreview;
  readonly pageErrors: string[] = [];
  private context!: BrowserContext;

  readonly dataDir: string;
  private readonly browser: Browser;
  private readonly ownsBrowser: boolean;
  private readonly removeDataDir: () => Promise<void>;

  private constructor(
    browser: Browser,
    ownsBrowser: boolean,
    dataDir: string,
    removeDataDir: () => Promise<void>,
  ) {
    this.browser = browser;
    this.ownsBrowser = ownsBrowser;
    this.dataDir = dataDir;
    this.removeDataDir = removeDataDir;
  }

  /** Opens the app; launches a Chromium of its own unless one is passed in. */
  static async open(browser?: Browser): Promise<RendererSession> {
    const { dir, remove } = await makeTempDir('renderer');
    const session = new RendererSession(
      browser ?? (await launchChromium()),
      browser === undefined,
      dir,
      remove,
    );
    await session.start();
    return session;
  }

  private async start(): Promise<void> {
    this.preview = await startTestPreview(this.dataDir);
    this.context = await this.browser.newContext({ viewport: { width: 1200, height: 800 } });
    this.page = await this.context.newPage();
    // Installed before any page script, outside the page's CSP, so every violation is seen.
    await this.page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
        });
      });
    });
    this.page.on('pageerror', (error) => this.pageErrors.push(error.message));
    await this.page.goto(this.preview.url);
    await this.page.getByRole('navigation').waitFor();
  }

  /** Navigates inside the app the way a person does: by clicking the navigation link. */
  async goTo(linkName: string | RegExp): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: linkName }).click();
  }

  cspViolations(): Promise<CspViolation[]> {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  async restart(): Promise<void> {
    await this.context.close();
    await this.preview.stop();
    await this.start();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.preview.stop();
    if (this.ownsBrowser) await this.browser.close();
    await this.removeDataDir();
  }
}
