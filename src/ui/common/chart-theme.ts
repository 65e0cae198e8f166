/**
 * What the charts read of the page when they are drawn: the theme's colours (dim or light, from
 * the CSS custom properties) and whether the person asked for less motion (then no animation).
 */

/** A CSS custom property of the page's root, or `fallback` when it is unset or there is no page. */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** True when the system asks for reduced motion, at this moment. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
