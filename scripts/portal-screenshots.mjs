#!/usr/bin/env node
// Screenshots of the public portal at phone and desktop size, normal and 适老化 mode.
// Usage: node scripts/portal-screenshots.mjs [baseUrl] [outDir]   (server must be running)
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3102';
const out = process.argv[3] ?? '/tmp/gk-shots';
const pages = {
  home: '/',
  town: '/units/321323002',
  village: '/units/321323002-buhu',
  units: '/units',
  search: '/units?q=%E5%8D%9C%E6%B9%96',
  abolished: '/units/321323100',
};
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    for (const elder of [false, true]) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      if (elder) await context.addCookies([{ name: 'gk_elder', value: '1', url: base }]);
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(base + path, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        const file = `${out}/${name}-${sizeName}${elder ? '-elder' : ''}.png`;
        await page.screenshot({ path: file, fullPage: false });
        console.log(file, overflow > 0 ? `HORIZONTAL OVERFLOW ${overflow}px` : 'ok');
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
