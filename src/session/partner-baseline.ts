import { BehaviorSubject } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import type { CalmReading } from '../signal/calm-reading';
import type { Baseline, PartnerId } from '../signal/types';
import type { LiveDependencies, StoredReading } from './dependencies';
import type { ReadingOutcome } from './partner-calibration';
import {
  acceptedReadings,
  baselineOfReadings,
  calmEndOffer,
  demoReadingsOf,
  judgeReading,
  learningOf,
  type CalmEndOffer,
} from './partner-readings';
import { PartnerStreams } from './partner-streams';

/**
 * One partner's readings and the baseline made of them: their own (stored) or, for simulated data,
 * the demo ones (in memory only); finished calibrations and calm checks are judged and kept here,
 * and the baseline in force goes to the pipeline through `baselineSubject`. `PartnerModel`
 * (`partner.ts`) extends it with the partner's sources.
 */
export abstract class PartnerBaseline extends PartnerStreams {
  protected readonly baselineSubject = new BehaviorSubject<Baseline | null>(null);
  /** Demo readings, in memory only: the scenario's baseline as one, then demo calibrations that passed. */
  private demoReadings: readonly StoredReading[] = [];
  private demoBaseline: Baseline | null = null;

  constructor(
    id: PartnerId,
    name: string,
    protected readonly deps: LiveDependencies,
    uiScheduler: SchedulerLike,
    track: <T>(label: string) => MonoTypeOperatorFunction<T>,
  ) {
    super(id, name, uiScheduler, track);
  }

  /**
   * The partner's own readings (loaded from storage, or kept since): their baseline is made of the
   * accepted ones (`baselineFromReadings`, the last 14).
   */
  setReadings(readings: readonly StoredReading[]): void {
    this.update({ readings, ownBaseline: baselineOfReadings(readings) });
    this.applyBaseline();
  }

  /**
   * The demo baseline for simulated data (never stored, never mixed with the partner's own): the
   * demo readings start over from it (none for a scenario without one, the first night).
   */
  setDemoBaseline(baseline: Baseline | null): void {
    this.demoReadings = demoReadingsOf(baseline);
    this.demoBaseline = baseline;
    this.applyBaseline();
  }

  /**
   * The calm end of this session offered as the partner's first reading: only for a partner with
   * no accepted reading of their own, on real data (demo readings are never kept), when they spent
   * the last `CALM_END_SEC` near calm. Null when there is nothing to offer.
   */
  calmEnd(recordedAt: string): CalmEndOffer | null {
    const origin = this.state.origin;
    if (origin === null || origin.demo || acceptedReadings(this.state.readings).length > 0) return null;
    const device = this.state.status.kind === 'connected' ? this.state.status.deviceName : origin.label;
    return calmEndOffer(this.calmTail.lastSpan(), { recordedAt, device, demo: false });
  }

  /**
   * A finished calibration or calm check: checked against the partner's earlier accepted readings
   * of the same kind of data, kept either way (a real one in storage), used only when it passes.
   */
  protected takeReading(reading: CalmReading): ReadingOutcome {
    if (reading.demo) {
      const stored = judgeReading(reading, this.demoReadings);
      if (!stored.verdict.accepted) return { accepted: false, message: `${stored.verdict.message} The demo baseline stays as it was.` };
      this.demoReadings = [...this.demoReadings, stored];
      this.demoBaseline = baselineOfReadings(this.demoReadings);
      this.applyBaseline();
      return { accepted: true, message: 'Demo baseline updated with this reading (simulated data, not stored).' };
    }
    const hadBaseline = this.state.ownBaseline !== null;
    const stored = judgeReading(reading, this.state.readings);
    this.setReadings([...this.state.readings, stored]);
    const store = this.deps.readings;
    const kept = store ? '' : ' It is kept for this session only: storage is not available here.';
    store?.save(this.id, stored).catch((error: unknown) => {
      const current = this.state.calibration;
      const reason = error instanceof Error ? error.message : String(error);
      if (current)
        this.update({ calibration: { ...current, message: `${current.message ?? ''} It could not be saved: ${reason}`.trim() } });
    });
    if (!stored.verdict.accepted) {
      const after = hadBaseline ? ' Your baseline stays as it was.' : '';
      return { accepted: false, message: `${stored.verdict.message}${after}${kept}` };
    }
    const learning = learningOf(this.state.readings);
    const said = learning.learning
      ? `Reading kept: still learning your calm (${learning.have} of ${learning.need}).`
      : `Reading kept: your baseline now comes from your last ${Math.min(learning.have, 14)} readings.`;
    return { accepted: true, message: `${said}${kept}` };
  }

  /** True when the partner's own baseline can be deleted (kept in memory only, or a store that deletes). */
  get canDeleteOwnBaseline(): boolean {
    return !this.deps.readings || typeof this.deps.readings.remove === 'function';
  }

  /** Deletes the partner's own baseline: every reading of theirs (and the stored copies). */
  async deleteOwnBaseline(): Promise<void> {
    if (this.deps.readings) {
      if (!this.deps.readings.remove) throw new Error('delete baseline: this storage cannot delete readings');
      await this.deps.readings.remove(this.id);
    }
    this.setReadings([]);
  }

  protected applyBaseline(): void {
    const demo = this.state.origin?.demo === true;
    const baseline = demo ? this.demoBaseline : this.state.ownBaseline;
    // A scenario's demo baseline is given, not learnt: only demo readings taken here are "learning".
    const learning = demo
      ? this.demoReadings[0]?.reading.kind === 'migrated'
        ? null
        : learningOf(this.demoReadings)
      : learningOf(this.state.readings);
    const sameLearning =
      learning === this.state.learning ||
      (learning !== null &&
        this.state.learning !== null &&
        learning.have === this.state.learning.have &&
        learning.learning === this.state.learning.learning);
    if (baseline !== this.baselineSubject.value) this.baselineSubject.next(baseline);
    if (baseline !== this.state.baseline || !sameLearning) this.update({ baseline, learning });
  }
}
