import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table that can be wider than a phone's screen (six columns at 360 px): it scrolls sideways in
 * its own box instead of widening the page. While it does, the box is a named region that takes
 * keyboard focus, so the arrow keys can scroll it; when the table fits, it is a plain box with no
 * extra tab stop.
 */
export function WideTable({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    // Without ResizeObserver (a test DOM) the box stays plain; it still scrolls if it must.
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    check();
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="wide-table" {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
