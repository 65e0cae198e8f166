import { Suspense } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { RegionBoundary } from '../../common/region-boundary';
import { ReflectPart } from '../parts';
import type { AttuneStore } from '../../../store';
import type { EndedSession } from '../../../session/session-host';

export interface ReflectScreenProps {
  readonly store: Promise<AttuneStore>;
  readonly focusOnShow: boolean;
  /** The session just ended (names and id), for the forms. */
  readonly ended?: EndedSession | null;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

/** A short reflection and one commitment each, kept on this device (the store's forms). */
export function ReflectScreen({ store, focusOnShow, ended, onBack, onNext }: ReflectScreenProps) {
  return (
    <ScreenFrame
      title="Reflect together"
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the routine', onClick: onBack }}
          primary={
            <button type="button" className="primary" onClick={onNext}>
              See your history
            </button>
          }
          hint="What you write stays on this device. Next: your sessions so far."
        />
      }
    >
      <RegionBoundary region="Reflection">
        <Suspense fallback={<p className="loading">Opening the reflection…</p>}>
          <ReflectPart store={store} ended={ended ?? null} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}
