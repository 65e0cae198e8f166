/**
 * Reading an RR file a partner loads: parse it, and either a replay source to attach or the reason
 * in words the panel can show.
 */
import type { HeartRateSource } from '../sources/heart-rate-source';
import type { LiveDependencies } from './dependencies';
import type { SourceOrigin } from './partner-view';

/** A recording to load: its name and a way to read its bytes (a browser `File` is one). */
export interface RecordingFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A recording ready to play, or why it cannot be. */
export type OpenedRecording =
  | { readonly ok: true; readonly source: HeartRateSource; readonly origin: SourceOrigin; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

/**
 * Reads `file` (any format `readRrFile` reads) and builds its replay source at `speed`. A file
 * that cannot be read gives the reason and what Attune reads instead; nothing is attached then.
 */
export async function openRecording(
  deps: Pick<LiveDependencies, 'readRrFile' | 'replay'>,
  file: RecordingFile,
  speed: number,
): Promise<OpenedRecording> {
  let parsed: Awaited<ReturnType<LiveDependencies['readRrFile']>>;
  try {
    // A browser File goes to the reader as it is: its bytes are read where the reader runs.
    const contents = typeof Blob !== 'undefined' && file instanceof Blob ? file : new Uint8Array(await file.arrayBuffer());
    parsed = await deps.readRrFile(contents, file.name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const expected =
      error instanceof Error && 'expected' in error && typeof error.expected === 'string' ? ` Attune reads ${error.expected}.` : '';
    return { ok: false, error: `This recording could not be read — ${message}.${expected}` };
  }
  // A recording checked where it was read is not checked again (a 10 MB file is millions of beats).
  const recording = parsed.checked ?? (parsed.tSec ? { rrMs: parsed.rrMs, tSec: parsed.tSec } : { rrMs: parsed.rrMs });
  return {
    ok: true,
    source: deps.replay({ recording, speed, name: file.name }),
    origin: { kind: 'replay', label: file.name, demo: false, speed },
    warnings: parsed.warnings,
  };
}
