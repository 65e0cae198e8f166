import type { AttuneStore, CommitmentRecord, ReflectionRecord } from '../../store';
import { sessionProgress, weeklyProgress, type SessionProgress, type WeekProgress } from '../../practice/progress';

export interface ProgressData {
  /** Closed sessions, oldest first. */
  readonly sessions: readonly SessionProgress[];
  readonly weeks: readonly WeekProgress[];
  readonly commitments: readonly CommitmentRecord[];
  readonly reflections: readonly ReflectionRecord[];
  /** The names the couple saved, else the latest session's, else "Partner A/B". */
  readonly names: { readonly a: string; readonly b: string };
}

/** Reads everything the progress view and the report need, and computes each session's figures. */
export async function loadProgress(store: AttuneStore): Promise<ProgressData> {
  const [all, commitments, checkIns, reflections, partners] = await Promise.all([
    store.sessions.list(),
    store.commitments.list(),
    store.checkIns.list(),
    store.reflections.list(),
    store.partners.list(),
  ]);
  const closed = all.filter((s) => s.status === 'closed').reverse();
  const sessions = await Promise.all(
    closed.map(async (session) => {
      const [metricChunks, gate, runs] = await Promise.all([
        store.recordings.metricChunks(session.id),
        store.recordings.gate(session.id),
        store.routineRuns.list(session.id),
      ]);
      return sessionProgress({ session, metricChunks, gate, runs }, commitments, checkIns);
    }),
  );
  const saved = new Map(partners.map((p) => [p.id, p.name]));
  const latest = all[0]?.partnerNames;
  const names = { a: saved.get('a') ?? latest?.a ?? 'Partner A', b: saved.get('b') ?? latest?.b ?? 'Partner B' };
  return { sessions, weeks: weeklyProgress(sessions), commitments, reflections, names };
}
