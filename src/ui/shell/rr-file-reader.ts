/**
 * The live session's `readRrFile`, run in a Web Worker (`rr-file-worker.ts`): reading a recording
 * never blocks the page, however large the file. The worker also makes the replay source's check,
 * so the page receives a checked recording and has no pass over the beats left to make. Where
 * workers are missing (tests, very old browsers) or the worker's script does not load, the
 * session's own reader runs instead.
 */
import { adoptCheckedRecording, type CheckedRecordingParts } from '../../sources/recordings/replay-source';
import type { LiveDependencies } from '../../session/dependencies';

export interface RrFileRequest {
  /** The file's bytes (moved here), or the file itself (a Blob: a handle, its bytes are read here). */
  readonly contents: ArrayBuffer | Blob;
  readonly name: string | undefined;
}

export type RrFileResponse =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'read';
      readonly recording: CheckedRecordingParts;
      readonly hasTimeColumn: boolean;
      readonly warnings: string[];
    }
  | { readonly kind: 'failed'; readonly message: string; readonly expected: string | undefined };

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

/**
 * The buffer to hand to the worker: the caller's own when the view covers all of it (moved, not
 * copied — millions of values would block the page), else a copy of the viewed bytes.
 */
function transferable(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
}

/**
 * Reads each file in a worker of its own, ended when the answer arrives. A Blob (a browser File)
 * goes to the worker as it is, and the worker reads its bytes: the page never holds them. Bytes
 * move to the worker once it is ready (the caller's buffer is detached then); until then a worker
 * that fails to load leaves them for the fallback reader, which can always read a Blob again.
 */
export function workerRrFileReader(fallback: ReadRrFile): ReadRrFile {
  if (typeof Worker === 'undefined') return fallback;
  return (contents, fileName) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./rr-file-worker.ts', import.meta.url), { type: 'module', name: 'attune-rr-file' });
      let handedOver = false;
      const done = () => worker.terminate();
      worker.onmessage = (event: MessageEvent<RrFileResponse>) => {
        const answer = event.data;
        if (answer.kind === 'ready') {
          if (contents instanceof Uint8Array) {
            handedOver = true;
            const buffer = transferable(contents);
            worker.postMessage({ contents: buffer, name: fileName } satisfies RrFileRequest, [buffer]);
          } else {
            worker.postMessage({ contents, name: fileName } satisfies RrFileRequest);
          }
          return;
        }
        done();
        if (answer.kind === 'failed') {
          reject(new RecordingReadError(answer.message, answer.expected));
          return;
        }
        try {
          // Typed arrays as they came: checked in the worker, neither copied nor checked again.
          const checked = adoptCheckedRecording(answer.recording);
          resolve({ rrMs: checked.rrMs, tSec: answer.hasTimeColumn ? checked.tSec : null, warnings: answer.warnings, checked });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      worker.onerror = (event) => {
        done();
        event.preventDefault();
        if (!handedOver) {
          // The worker itself failed (its script did not load): read here instead.
          fallback(contents, fileName).then(resolve, reject);
        } else {
          reject(new RecordingReadError(`the reader stopped while reading the file (${event.message || 'no reason given'})`, undefined));
        }
      };
    });
}
