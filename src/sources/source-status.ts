import type { Observable } from 'rxjs';
import { BehaviorSubject } from 'rxjs';
import type { SourceStatus } from './heart-rate-source';

/** The status holder every source uses: replays the latest status, skips repeats of the same value. */
export interface StatusStore {
  /** Replays the latest status to a new subscriber (HeartRateSource.status$). */
  readonly status$: Observable<SourceStatus>;
  current(): SourceStatus;
  set(next: SourceStatus): void;
}

function sameStatus(a: SourceStatus, b: SourceStatus): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if ((a as unknown as Record<string, unknown>)[key] !== (b as unknown as Record<string, unknown>)[key]) return false;
  }
  return true;
}

export function createStatusStore(initial: SourceStatus = { kind: 'idle' }): StatusStore {
  const subject = new BehaviorSubject<SourceStatus>(initial);
  return {
    status$: subject.asObservable(),
    current: () => subject.getValue(),
    set(next) {
      if (!sameStatus(subject.getValue(), next)) subject.next(next);
    },
  };
}
