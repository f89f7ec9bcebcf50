import { chromium } from 'playwright-core';
const [,, url, out, width = '390', height = '1600'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: Number(width), height: Number(height) } });
await p.goto(url);
await p.screenshot({ path: out, fullPage: true });
await b.close();
