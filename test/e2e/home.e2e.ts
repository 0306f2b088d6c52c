import { describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  collectPageErrors,
  stackAndBrowser,
  screenshot,
  screenshotOnFailure,
} from './harness.js';
import type { ViewportName } from './harness.js';

const e2e = stackAndBrowser();

describe('the page at / in development', () => {
  it.each<ViewportName>(['mobile', 'desktop'])(
    'passes axe, every link answers, and it leads to the API reference (%s)',
    async (viewport) => {
      const page = await e2e.browser.newPage(viewport);
      screenshotOnFailure(page, `home-${viewport}`);
      const errors = collectPageErrors(page);
      await page.goto(`${e2e.stack.url}/`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pehchan');
      await checkAccessibility(page, `/ at ${viewport}`);
      await screenshot(page, `home-${viewport}`);
      const links = await page
        .locator('a')
        .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
      expect(links).toContain(`${e2e.stack.url}/onboard/`);
      for (const link of links) expect((await page.request.get(link)).status(), link).toBe(200);

      await page.getByRole('link', { name: 'API reference' }).click();
      await page.waitForURL(`${e2e.stack.url}/docs**`);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it('fails the check, naming the rule and the element, when a page has a serious violation', async () => {
    const page = await e2e.browser.newPage('mobile');
    await page.goto(`${e2e.stack.url}/`);
    // An image without a text alternative: axe's image-alt, critical.
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('img')));
    await expect(checkAccessibility(page, 'broken /')).rejects.toThrow(
      /broken \/: 1 serious.*\n- image-alt \(critical\)/,
    );
    await page.context().close();
  });
});
