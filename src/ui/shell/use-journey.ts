import { useCallback, useEffect, useRef, useState } from 'react';
import { isScreen, previousScreen, type Screen } from './journey';

/** What the shell keeps in `history.state`, so the browser's back and forward walk the journey. */
interface JourneyHistoryState {
  readonly attuneScreen: Screen;
  /** How many journey entries were pushed before this one; 0 for the entry the page opened on. */
  readonly attuneDepth: number;
}

function readState(value: unknown): JourneyHistoryState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { attuneScreen, attuneDepth } = value as Record<string, unknown>;
  if (!isScreen(attuneScreen) || typeof attuneDepth !== 'number') return null;
  return { attuneScreen, attuneDepth };
}

export interface Journey {
  readonly screen: Screen;
  /** True once the person has moved between screens (the first screen keeps the page's focus). */
  readonly moved: boolean;
  /** Moves forward to `screen`, adding a history entry (the phone's back gesture returns). */
  go(screen: Screen): void;
  /** Goes one screen back: through the browser history when the journey pushed an entry. */
  back(): void;
}

/**
 * The journey's current screen, kept in step with the browser history. The address (with its
 * `?demo=` query) never changes: only `history.state` does, so reloading starts the journey afresh
 * at the place the address says, which is what a person who reloads in a panic expects.
 */
export function useJourney(initial: Screen, onMove?: (screen: Screen) => void): Journey {
  const [screen, setScreen] = useState<Screen>(initial);
  const [moved, setMoved] = useState(false);
  // Told of every move (forward, back, the browser's own buttons), from the event that caused it.
  const moveListener = useRef(onMove);
  useEffect(() => {
    moveListener.current = onMove;
  }, [onMove]);
  const moveTo = useCallback((next: Screen) => {
    setMoved(true);
    setScreen(next);
    moveListener.current?.(next);
  }, []);

  useEffect(() => {
    // A reload lands where the address says (the welcome, or the live view for a demo link), never in
    // the middle of a routine whose session is gone; the entries before it still lead back.
    window.history.replaceState({ attuneScreen: initial, attuneDepth: 0 } satisfies JourneyHistoryState, '');
    const onPopState = (event: PopStateEvent) => {
      const state = readState(event.state);
      if (state) moveTo(state.attuneScreen);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
    // Runs once: later screens are recorded by go() and back().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const go = useCallback(
    (next: Screen) => {
      const depth = readState(window.history.state)?.attuneDepth ?? 0;
      window.history.pushState({ attuneScreen: next, attuneDepth: depth + 1 } satisfies JourneyHistoryState, '');
      moveTo(next);
    },
    [moveTo],
  );

  const back = useCallback(() => {
    const state = readState(window.history.state);
    if (state && state.attuneDepth > 0) {
      window.history.back();
      return;
    }
    // Opened mid-journey (a deep link): there is no entry to return to, so step back in place.
    const previous = previousScreen(state?.attuneScreen ?? initial);
    if (previous === null) return;
    window.history.replaceState({ attuneScreen: previous, attuneDepth: 0 } satisfies JourneyHistoryState, '');
    moveTo(previous);
  }, [initial, moveTo]);

  return { screen, moved, go, back };
}
