import { Suspense } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { RegionBoundary } from '../../common/region-boundary';
import { HistoryPart } from '../parts';
import type { AttuneStore } from '../../../store';

export interface HistoryScreenProps {
  readonly store: Promise<AttuneStore>;
  readonly focusOnShow: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
  /** The practice screens beside History. */
  readonly onProgress?: () => void;
  readonly onReport?: () => void;
  readonly onPlan?: () => void;
}

/** Past sessions, check-ins and commitments, and the data controls (export, import, delete all). */
export function HistoryScreen({ store, focusOnShow, onBack, onNext, onProgress, onReport, onPlan }: HistoryScreenProps) {
  return (
    <ScreenFrame
      title="Your history"
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the reflection', onClick: onBack }}
          primary={
            <button type="button" className="primary" onClick={onNext}>
              Start again
            </button>
          }
          hint="Everything here is stored only on this device."
        />
      }
    >
      {onProgress && onReport && onPlan && (
        <nav className="practice-nav card" aria-label="Your practice">
          <button type="button" onClick={onProgress}>
            Progress over weeks
          </button>
          <button type="button" onClick={onReport}>
            A report to share
          </button>
          <button type="button" onClick={onPlan}>
            Your week
          </button>
        </nav>
      )}
      <RegionBoundary region="History">
        <Suspense fallback={<p className="loading">Opening your history…</p>}>
          <HistoryPart store={store} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}
