import { useCallback, useEffect, useState } from 'react';

/** The person's choice of lighting: follow the system, or always dim, or always light. */
export type ThemeChoice = 'system' | 'dim' | 'light';

const STORAGE_KEY = 'attune.theme';

function readChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'dim' || stored === 'light' ? stored : 'system';
  } catch {
    // Storage can be unavailable (private modes); the system setting still applies.
    return 'system';
  }
}

/** Applies a choice to <html>: theme.css reads `data-theme`; "system" removes it. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

/** Applies the stored choice before the first render, so the page never flashes the wrong theme. */
export function applyStoredTheme(): void {
  applyTheme(readChoice());
}

/** Whether the page currently shows the dim theme (after the choice and the system setting). */
function isDim(choice: ThemeChoice): boolean {
  if (choice !== 'system') return choice === 'dim';
  return !window.matchMedia('(prefers-color-scheme: light)').matches;
}

/**
 * The lighting toggle's state: `dim` says what shows now; `toggle` flips it and remembers the
 * choice on this device (a display preference only, kept out of the couple's data).
 */
export function useThemeChoice(): { readonly dim: boolean; toggle(): void } {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  const [systemLight, setSystemLight] = useState(() => window.matchMedia('(prefers-color-scheme: light)').matches);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: light)');
    const onChange = () => setSystemLight(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const dim = choice === 'system' ? !systemLight : isDim(choice);
  const toggle = useCallback(() => {
    const next: ThemeChoice = dim ? 'light' : 'dim';
    applyTheme(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but applied for this visit.
    }
    setChoice(next);
  }, [dim]);

  return { dim, toggle };
}
