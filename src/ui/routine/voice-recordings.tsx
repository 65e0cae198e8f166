import { useEffect, useId, useRef, useState } from 'react';
import { recordingSupport, scriptLines, type LineRecorder, type Routine, type VoiceClipStore } from '../../routines';
import { SPEAKER_LABEL } from './routine-format';

export interface VoiceRecordingsProps {
  readonly routine: Routine;
  readonly behaviour: string;
  readonly voiceClips: VoiceClipStore;
  readonly createRecorder: () => LineRecorder;
}

type Status = 'unknown' | 'none' | 'saved';

/** Longest recording of one line; a script line takes a few seconds to say. */
export const LINE_MAX_MS = 30_000;

/**
 * One partner records each line of a routine in their own voice; the player then plays those clips
 * instead of the synthetic voice. Clips stay on this device (the injected store).
 */
export function VoiceRecordings({ routine, behaviour, voiceClips, createRecorder }: VoiceRecordingsProps) {
  const headingId = useId();
  const lines = scriptLines(routine, behaviour);
  const [status, setStatus] = useState<Record<string, Status>>({});
  const [recordingLine, setRecordingLine] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const recorder = useRef<LineRecorder | null>(null);
  const support = recordingSupport();
  const lineIds = lines.map((line) => line.id).join('|');

  useEffect(() => {
    let cancelled = false;
    void Promise.all(
      lineIds
        .split('|')
        .map(async (id): Promise<[string, Status]> => [id, (await voiceClips.load(id).catch(() => undefined)) ? 'saved' : 'none']),
    ).then((entries) => {
      if (!cancelled) setStatus(Object.fromEntries(entries));
    });
    return () => {
      cancelled = true;
    };
  }, [lineIds, voiceClips]);

  useEffect(() => () => recorder.current?.cancel(), []);

  const start = async (lineId: string) => {
    setProblem(null);
    const next = createRecorder();
    recorder.current = next;
    try {
      await next.start();
      setRecordingLine(lineId);
    } catch (error) {
      recorder.current = null;
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const stop = async (lineId: string) => {
    const active = recorder.current;
    recorder.current = null;
    setRecordingLine(null);
    if (!active) return;
    try {
      const clip = await active.stop();
      await voiceClips.save(lineId, clip);
      setStatus((previous) => ({ ...previous, [lineId]: 'saved' }));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  // A forgotten recording must not keep the microphone open: each line stops on its own after a while.
  const stopRef = useRef(stop);
  useEffect(() => {
    stopRef.current = stop;
  });
  useEffect(() => {
    if (recordingLine === null) return undefined;
    const timer = setTimeout(() => void stopRef.current(recordingLine), LINE_MAX_MS);
    return () => clearTimeout(timer);
  }, [recordingLine]);

  const play = async (lineId: string) => {
    const clip = await voiceClips.load(lineId).catch(() => undefined);
    if (!clip) return;
    const url = URL.createObjectURL(clip);
    const audio = new Audio(url);
    audio.addEventListener('ended', () => URL.revokeObjectURL(url), { once: true });
    await audio.play().catch(() => URL.revokeObjectURL(url));
  };

  const remove = async (lineId: string) => {
    try {
      await voiceClips.remove(lineId);
      setStatus((previous) => ({ ...previous, [lineId]: 'none' }));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="rt-recordings" aria-labelledby={headingId}>
      <h4 id={headingId}>Your own voice for {routine.title}</h4>
      <p className="rt-muted">
        One of you can read each line once; the player plays your voice instead of the computer’s. Recordings stay on this device.
      </p>
      {!support.supported ? <p role="status">{support.reason}</p> : null}
      {problem ? <p role="alert">{problem}</p> : null}
      <ol>
        {lines.map((line) => {
          const isRecording = recordingLine === line.id;
          const saved = status[line.id] === 'saved';
          return (
            <li key={line.id} className="rt-recording-line">
              <span className="rt-role">{SPEAKER_LABEL[line.speaker]}</span> <span>{line.text}</span>{' '}
              <span className="rt-muted">{saved ? '(recorded)' : ''}</span>
              <span className="rt-actions">
                {isRecording ? (
                  <button type="button" className="rt-primary" onClick={() => void stop(line.id)}>
                    Stop recording
                  </button>
                ) : (
                  <button
                    type="button"
                    disabled={!support.supported || recordingLine !== null}
                    aria-label={`Record: ${line.text}`}
                    onClick={() => void start(line.id)}
                  >
                    {saved ? 'Record again' : 'Record'}
                  </button>
                )}
                {saved ? (
                  <>
                    <button type="button" aria-label={`Play: ${line.text}`} onClick={() => void play(line.id)}>
                      Play
                    </button>
                    <button type="button" aria-label={`Delete the recording: ${line.text}`} onClick={() => void remove(line.id)}>
                      Delete
                    </button>
                  </>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
