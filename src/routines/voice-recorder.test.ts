import { describe, expect, it } from 'vitest';
import { createLineRecorder, recordingSupport } from './voice-recorder';

class FakeRecorder extends EventTarget {
  state: 'inactive' | 'recording' = 'inactive';
  mimeType = 'audio/webm';
  constructor(readonly stream: MediaStream) {
    super();
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    const data = new Event('dataavailable') as Event & { data: Blob };
    data.data = new Blob(['voice'], { type: 'audio/webm' });
    this.dispatchEvent(data);
    this.dispatchEvent(new Event('stop'));
  }
}

function fakeStream() {
  const stopped: string[] = [];
  const stream = { getTracks: () => [{ stop: () => stopped.push('track') }] } as unknown as MediaStream;
  return { stream, stopped };
}

describe('createLineRecorder', () => {
  it('records a clip and releases the microphone', async () => {
    const { stream, stopped } = fakeStream();
    const recorder = createLineRecorder(async () => stream, FakeRecorder as unknown as typeof MediaRecorder);
    await recorder.start();
    expect(recorder.recording).toBe(true);
    const clip = await recorder.stop();
    expect(clip.type).toBe('audio/webm');
    expect(await clip.text()).toBe('voice');
    expect(stopped).toEqual(['track']);
    expect(recorder.recording).toBe(false);
  });

  it('explains a refused microphone', async () => {
    const refused = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const recorder = createLineRecorder(() => Promise.reject(refused), FakeRecorder as unknown as typeof MediaRecorder);
    await expect(recorder.start()).rejects.toThrow('record voice line: the microphone permission was refused');
  });

  it('refuses to stop when not recording', async () => {
    const recorder = createLineRecorder(async () => fakeStream().stream, FakeRecorder as unknown as typeof MediaRecorder);
    await expect(recorder.stop()).rejects.toThrow('record voice line: not recording');
  });
});

describe('recordingSupport', () => {
  it('recordingSupport(scope) says why recording is unavailable', () => {
    expect(recordingSupport({})).toMatchObject({ supported: false, reason: expect.stringMatching(/cannot record/) });
    expect(recordingSupport({ MediaRecorder: class {}, navigator: {} })).toMatchObject({ supported: false });
    expect(recordingSupport({ MediaRecorder: class {}, navigator: { mediaDevices: { getUserMedia: () => undefined } } })).toEqual({
      supported: true,
    });
  });
});
