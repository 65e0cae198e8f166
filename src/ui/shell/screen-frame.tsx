import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ScreenFrameProps {
  /** The screen's heading, also the page title. */
  readonly title: string;
  /** Move keyboard and screen-reader focus to the heading when the screen appears. */
  readonly focusOnShow: boolean;
  /** False while the screen is kept mounted but out of view (the live session keeps running). */
  readonly visible?: boolean;
  readonly children: ReactNode;
  /** The action bar: one primary action, a way back. */
  readonly actions: ReactNode;
}

/**
 * One screen of the journey: a heading that takes focus when the screen appears (so keyboard and
 * screen-reader users land at its start, not at the bottom of the previous one), the content, and
 * the action bar within thumb reach.
 */
export function ScreenFrame({ title, focusOnShow, visible = true, children, actions }: ScreenFrameProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!visible) return;
    document.title = `${title} · Attune`;
    if (!focusOnShow) return;
    // Focus lands once the screen is painted: focusing forces a layout, which inside the click that
    // opened the screen would run before the paint and then again for it (the effects after it change
    // the page), delaying the new screen on a slow phone.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => heading.current?.focus({ preventScroll: false }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // Focus moves when the screen appears, not when its title changes within the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, focusOnShow]);

  useEffect(() => {
    if (visible) document.title = `${title} · Attune`;
  }, [title, visible]);

  return (
    <section className="screen" aria-labelledby={headingId} hidden={!visible}>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
      {actions}
    </section>
  );
}

export interface ActionBarProps {
  /** The way back, when there is one; `label` names where it leads ("the welcome"). */
  readonly back?: { readonly label: string; readonly onClick: () => void };
  /** The one primary action of the screen. */
  readonly primary?: ReactNode;
  /** A short line about what happens next; announced politely when it changes. */
  readonly hint?: ReactNode;
}

/** The bottom bar: one primary action, one way back, and a hint that says what comes next. */
export function ActionBar({ back, primary, hint }: ActionBarProps) {
  return (
    <div className="action-bar">
      {back && (
        <button type="button" className="back" onClick={back.onClick} aria-label={`Back to ${back.label}`}>
          <span aria-hidden="true">←</span> Back
        </button>
      )}
      {primary}
      <p className="hint" aria-live="polite">
        {hint}
      </p>
    </div>
  );
}
