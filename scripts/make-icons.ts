/**
 * Renders the app icons' PNG sizes from their SVG sources in Chromium, so the icons have one
 * source of truth. Run after editing public/icons/*.svg: `npx tsx scripts/make-icons.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';

const targets = [
  { svg: 'public/icons/icon.svg', png: 'public/icons/icon-192.png', size: 192 },
  { svg: 'public/icons/icon.svg', png: 'public/icons/icon-512.png', size: 512 },
  { svg: 'public/icons/maskable.svg', png: 'public/icons/maskable-512.png', size: 512 },
  { svg: 'public/icons/icon.svg', png: 'public/icons/apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  for (const { svg, png, size } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(svg, 'utf8');
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${markup}`,
    );
    writeFileSync(png, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${png}: ${size}×${size}`);
  }
} finally {
  await browser.close();
}
