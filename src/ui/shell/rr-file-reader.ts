/**
 * The live session's `readRrFile`, run in a Web Worker (`rr-file-worker.ts`): reading a recording
 * never blocks the page, however large the file. Where workers are missing (tests, very old
 * browsers) the session's own reader runs instead.
 */
import type { LiveDependencies } from '../../session/dependencies';

export interface RrFileRequest {
  readonly bytes: ArrayBuffer;
  readonly name: string | undefined;
}

export type RrFileResponse =
  | { readonly ok: true; readonly rrMs: Float64Array; readonly tSec: Float64Array | null; readonly warnings: string[] }
  | { readonly ok: false; readonly message: string; readonly expected: string | undefined };

/** A reader's error as the worker reported it: the message and what was expected there. */
export class RecordingReadError extends Error {
  override readonly name = 'RecordingReadError';
  constructor(
    message: string,
    readonly expected: string | undefined,
  ) {
    super(message);
  }
}

type ReadRrFile = LiveDependencies['readRrFile'];

/** Reads each file in a worker of its own, ended when the answer arrives. */
export function workerRrFileReader(fallback: ReadRrFile): ReadRrFile {
  if (typeof Worker === 'undefined') return fallback;
  return (bytes, fileName) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./rr-file-worker.ts', import.meta.url), { type: 'module', name: 'attune-rr-file' });
      const done = () => worker.terminate();
      worker.onmessage = (event: MessageEvent<RrFileResponse>) => {
        done();
        const answer = event.data;
        if (answer.ok) {
          // Typed arrays as they came: copying millions of values would block the page again.
          resolve({ rrMs: answer.rrMs, tSec: answer.tSec, warnings: answer.warnings });
        } else {
          reject(new RecordingReadError(answer.message, answer.expected));
        }
      };
      worker.onerror = (event) => {
        done();
        event.preventDefault();
        // The worker itself failed (its script did not load): read here instead.
        fallback(bytes, fileName).then(resolve, reject);
      };
      // A copy goes to the worker so the caller's bytes stay usable for the fallback.
      const copy = bytes.slice().buffer;
      worker.postMessage({ bytes: copy, name: fileName } satisfies RrFileRequest, [copy]);
    });
}
