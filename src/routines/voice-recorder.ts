/**
 * Recording one partner's voice for a script line (MediaRecorder). The clip goes to the injected
 * VoiceClipStore, so it stays on the device.
 */

export interface LineRecorder {
  /** Asks for the microphone (first time) and starts recording. */
  start(): Promise<void>;
  /** Stops and returns the clip; releases the microphone. */
  stop(): Promise<Blob>;
  /** Stops without keeping anything; releases the microphone. */
  cancel(): void;
  readonly recording: boolean;
}

export type RecordingSupport = { supported: true } | { supported: false; reason: string };

/** Whether this browser can record a line, and if not, why in plain words. */
export function recordingSupport(
  scope: { MediaRecorder?: unknown; navigator?: { mediaDevices?: { getUserMedia?: unknown } } } = globalThis,
): RecordingSupport {
  if (typeof scope.MediaRecorder !== 'function') {
    return { supported: false, reason: 'This browser cannot record audio. Spoken guidance or the text on screen still work.' };
  }
  if (typeof scope.navigator?.mediaDevices?.getUserMedia !== 'function') {
    return { supported: false, reason: 'This page has no microphone access (it needs a secure connection).' };
  }
  return { supported: true };
}

type RecorderConstructor = new (stream: MediaStream) => MediaRecorder;

export function createLineRecorder(
  getStream: () => Promise<MediaStream> = () => navigator.mediaDevices.getUserMedia({ audio: true }),
  Recorder: RecorderConstructor = MediaRecorder,
): LineRecorder {
  let recorder: MediaRecorder | undefined;
  let stream: MediaStream | undefined;
  let chunks: Blob[] = [];
  const release = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    recorder = undefined;
  };
  return {
    get recording() {
      return recorder?.state === 'recording';
    },
    async start() {
      if (recorder) throw new Error('record voice line: already recording');
      try {
        stream = await getStream();
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        throw new Error(
          name === 'NotAllowedError'
            ? 'record voice line: the microphone permission was refused'
            : `record voice line: no microphone available (${error instanceof Error ? error.message : String(error)})`,
          { cause: error },
        );
      }
      chunks = [];
      recorder = new Recorder(stream);
      recorder.addEventListener('dataavailable', (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      });
      recorder.start();
    },
    stop() {
      const active = recorder;
      if (!active) return Promise.reject(new Error('record voice line: not recording'));
      return new Promise<Blob>((resolve, reject) => {
        active.addEventListener(
          'stop',
          () => {
            const clip = new Blob(chunks, { type: active.mimeType || 'audio/webm' });
            release();
            if (clip.size === 0) reject(new Error('record voice line: nothing was recorded'));
            else resolve(clip);
          },
          { once: true },
        );
        active.stop();
      });
    },
    cancel() {
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      chunks = [];
      release();
    },
  };
}
