import { Suspense } from 'react';
import { ActionBar, ScreenFrame } from '../screen-frame';
import { RegionBoundary } from '../../common/region-boundary';
import { PlanPart, ProgressPart, ReportPart } from '../parts';
import type { AttuneStore } from '../../../store';

interface PracticeScreenProps {
  readonly store: Promise<AttuneStore>;
  readonly focusOnShow: boolean;
  readonly onBack: () => void;
}

/** The weekly plan, reached from the welcome screen. */
export function PlanScreen({ store, focusOnShow, onBack, onBegin }: PracticeScreenProps & { readonly onBegin: () => void }) {
  return (
    <ScreenFrame
      title="Your week"
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'the welcome', onClick: onBack }}
          primary={
            <button type="button" className="primary" onClick={onBegin}>
              Begin a session
            </button>
          }
          hint="Your plan stays on this device."
        />
      }
    >
      <RegionBoundary region="The weekly plan">
        <Suspense fallback={<p className="loading">Opening your plan…</p>}>
          <PlanPart store={store} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}

/** Progress over weeks, reached from History. */
export function ProgressScreen({ store, focusOnShow, onBack, onReport }: PracticeScreenProps & { readonly onReport: () => void }) {
  return (
    <ScreenFrame
      title="Progress over weeks"
      focusOnShow={focusOnShow}
      actions={
        <ActionBar
          back={{ label: 'your history', onClick: onBack }}
          primary={
            <button type="button" className="primary" onClick={onReport}>
              Make a report
            </button>
          }
          hint="Next: a printable summary to share, if you want one."
        />
      }
    >
      <RegionBoundary region="Progress">
        <Suspense fallback={<p className="loading">Reading your sessions…</p>}>
          <ProgressPart store={store} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}

/** The report to print or save as PDF. */
export function ReportScreen({ store, focusOnShow, onBack }: PracticeScreenProps) {
  return (
    <ScreenFrame
      title="A report to share"
      focusOnShow={focusOnShow}
      actions={<ActionBar back={{ label: 'progress', onClick: onBack }} hint="Nothing leaves this device unless you print or save it." />}
    >
      <RegionBoundary region="The report">
        <Suspense fallback={<p className="loading">Reading your sessions…</p>}>
          <ReportPart store={store} />
        </Suspense>
      </RegionBoundary>
    </ScreenFrame>
  );
}
