/**
 * Layout checks for a small window: nothing sticks out past the window's right edge (unless a
 * box that scrolls sideways on purpose holds it), and no table header is squeezed into a
 * column one character wide.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The smallest window the app is laid out for. */
export const SMALL_WINDOW = { width: 1024, height: 640 };
export const USUAL_WINDOW = { width: 1280, height: 800 };

// Plain JavaScript run in the page: a compiled function would carry the test bundler's
// helpers (esbuild's __name) into a page that does not have them.
const FIND_LAYOUT_PROBLEMS = `(() => {
  const width = document.documentElement.clientWidth;
  const name = (element) => {
    const id = element.getAttribute('data-testid');
    const classes = typeof element.className === 'string' ? element.className.trim() : '';
    const text = (element.textContent || '').trim().slice(0, 40);
    return element.tagName.toLowerCase() + (id ? '[' + id + ']' : '') +
      (classes ? '.' + classes.split(/\\s+/).join('.') : '') + ' “' + text + '”';
  };
  // Inside a box that scrolls or clips sideways, the box itself is what must fit.
  const heldBack = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const problems = [];
  // A box that scrolls sideways hides what does not fit: allowed only where it is meant to
  // (marked data-scrolls-sideways), for code and inside terminals.
  for (const element of document.querySelectorAll('body *')) {
    const style = getComputedStyle(element);
    if (style.overflowX !== 'auto' && style.overflowX !== 'scroll' && style.overflowX !== 'hidden') continue;
    if (element.scrollWidth <= element.clientWidth + 1 || element.clientWidth === 0) continue;
    // Text fields scroll their own text; .sr-only clips on purpose.
    if (element.closest('[data-scrolls-sideways], pre, textarea, .xterm, .n-input, .sr-only')) continue;
    problems.push('scrolls sideways by ' + (element.scrollWidth - element.clientWidth) + ' px: ' + name(element));
  }
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (heldBack(element)) continue;
    problems.push('past the right edge by ' + Math.round(box.right - width) + ' px: ' + name(element));
  }
  for (const header of document.querySelectorAll('th')) {
    if ((header.textContent || '').trim().length <= 3) continue;
    const style = getComputedStyle(header);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    // The text's own extent: every header of a row is as tall as the row's tallest.
    const range = document.createRange();
    range.selectNodeContents(header);
    const text = range.getBoundingClientRect();
    // Two lines are fine for a long header; more means its column has no room.
    if (text.height > line * 2.5) {
      problems.push('header squeezed to ' + Math.round(text.width) + ' px wide: ' + name(header));
    }
  }
  return problems;
})()`;

/** What is wrong with the page's layout at its current size, one line per element. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(FIND_LAYOUT_PROBLEMS);
}

/**
 * Looks at the page in the smallest window (and photographs it there), then puts the usual
 * window back: what it found wrong fails the test afterwards, under `label`.
 */
export async function expectFitsSmallWindow(
  page: Page,
  label: string,
  screenshotPath: string,
): Promise<void> {
  await page.setViewportSize(SMALL_WINDOW);
  await page.waitForTimeout(250); // layout and transitions settle
  const problems = await layoutProblems(page);
  await page.screenshot({ path: screenshotPath });
  await page.setViewportSize(USUAL_WINDOW);
  await page.waitForTimeout(150);
  expect(problems, `${label} at ${SMALL_WINDOW.width}×${SMALL_WINDOW.height}`).toEqual([]);
}
