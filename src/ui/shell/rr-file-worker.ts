/**
 * Reads a recording off the page's main thread, so a large file (10 MB of RR text is about two
 * million beats) leaves the page responsive while it is read. One request per worker: the worker
 * says it is ready, the file comes in (a Blob whose bytes are read here, or bytes transferred, not
 * copied), and out go the intervals checked for replay (`checkReplayRecording`, transferred too)
 * or the reader's error.
 */
import { checkReplayRecording, replayRecordingOf } from '../../sources/recordings/replay-source';
import { RrFileError, readRrFile } from '../../sources/recordings/rr-file';
import { readFitHrv } from '../../sources/recordings/rr-fit';
import type { RrFileRequest, RrFileResponse } from './rr-file-reader';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RrFileRequest>) => Promise<void>) | null;
  postMessage(message: RrFileResponse, transfer: Transferable[]): void;
};

scope.onmessage = async (event) => {
  const { contents, name } = event.data;
  try {
    const bytes = new Uint8Array(contents instanceof ArrayBuffer ? contents : await contents.arrayBuffer());
    const file = readRrFile(bytes, name, { readFit: readFitHrv });
    // The replay source's own check, made here: the page takes the result as checked.
    // A heart-rate-only file (no RR intervals) is checked and replayed as its heart rate.
    const checked = checkReplayRecording(replayRecordingOf(file));
    const { rrMs, tSec, afterGap, hrBpm } = checked;
    scope.postMessage(
      {
        kind: 'read',
        recording: { kind: 'checked', rrMs, tSec, afterGap, hrBpm },
        hasTimeColumn: file.hasTimeColumn,
        warnings: file.warnings,
      },
      [rrMs.buffer, tSec.buffer, afterGap.buffer, ...(hrBpm === null ? [] : [hrBpm.buffer])],
    );
  } catch (error) {
    const expected = error instanceof RrFileError ? error.expected : undefined;
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error), expected }, []);
  }
};

// Loaded and listening: the page may now hand its bytes over. Before this, a worker that fails to
// load leaves the page's bytes untouched for reading them there instead.
scope.postMessage({ kind: 'ready' }, []);
