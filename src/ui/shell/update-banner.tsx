import { useEffect, useState } from 'react';
import { onUpdateReady, type PendingUpdate } from './service-worker';

export interface UpdateBannerProps {
  /** True while something must not be interrupted (a routine is on screen): the banner waits. */
  readonly hold: boolean;
}

/**
 * "A new version is ready — reload when you're done." Shown only between steps, never during a
 * routine, and never reloads by itself.
 */
export function UpdateBanner({ hold }: UpdateBannerProps) {
  const [update, setUpdate] = useState<PendingUpdate | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => onUpdateReady(setUpdate), []);

  if (update === null || hold || dismissed) return null;
  return (
    <aside className="banner" aria-label="Update" role="status">
      <p>A new version of Attune is ready — reload when you&rsquo;re done.</p>
      <button type="button" onClick={() => update.activate()}>
        Reload now
      </button>
      <button type="button" className="quiet" onClick={() => setDismissed(true)}>
        Later
      </button>
    </aside>
  );
}
