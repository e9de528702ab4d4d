import { AppError } from '@storytime/errors';
import { describe, expect, it } from 'vitest';
import { createLocalVoice, LOCAL_VOICE_FORMAT } from './local-voice';
import { parseWav } from './wav';

const CHARLIE = { localVoice: 'en-us+m3' };

/** Checks the header against the file and returns the parsed WAV. */
function checkWav(audio: Buffer) {
  expect(audio.toString('latin1', 0, 4)).toBe('RIFF');
  expect(audio.readUInt32LE(4)).toBe(audio.length - 8);
  expect(audio.toString('latin1', 8, 16)).toBe('WAVEfmt ');
  expect(audio.toString('latin1', 36, 40)).toBe('data');
  expect(audio.readUInt32LE(40)).toBe(audio.length - 44);
  expect(audio.readUInt32LE(28)).toBe(44_100);
  const wav = parseWav(audio);
  expect({ sampleRate: wav.sampleRate, channels: wav.channels, bitsPerSample: wav.bitsPerSample }).toEqual(
    LOCAL_VOICE_FORMAT,
  );
  return wav;
}

describe('local voice (espeak-ng)', () => {
  const voice = createLocalVoice();

  it('produces a 22,050 Hz mono 16-bit WAV whose duration grows with the text', async () => {
    const short = await voice.synthesize('Once, a fox ran.', CHARLIE);
    const long = await voice.synthesize(
      'Once, a fox ran. Then she ran again, all the way home to her den.',
      CHARLIE,
    );
    expect(short.mimeType).toBe('audio/wav');
    const shortWav = checkWav(short.audio);
    checkWav(long.audio);
    expect(short.durationMs).toBe(Math.round((shortWav.pcm.length / 44_100) * 1000));
    expect(short.durationMs!).toBeGreaterThan(500);
    expect(long.durationMs!).toBeGreaterThan(2 * short.durationMs!);
  });

  it('joins the PCM of a long text cut into several runs under one correct header', async () => {
    const text = Array.from({ length: 6 }, (_, i) => `The fox saw star number ${i + 1}.`).join(' ');
    const whole = await voice.synthesize(text, CHARLIE);
    const chunked = await createLocalVoice({ chunkLimit: 80 }).synthesize(text, CHARLIE);
    const wav = checkWav(chunked.audio);
    // One header only: no second RIFF inside the audio.
    expect(chunked.audio.indexOf('RIFF', 4)).toBe(-1);
    expect(wav.pcm.length).toBeGreaterThan(0);
    expect(chunked.durationMs!).toBeGreaterThan(whole.durationMs! * 0.8);
    expect(chunked.durationMs!).toBeLessThan(whole.durationMs! * 1.5);
  });

  it('speaks slower at a lower speed', async () => {
    const text = 'The little fox went home to sleep.';
    const normal = await voice.synthesize(text, CHARLIE);
    const slow = await createLocalVoice({ speedWpm: 90 }).synthesize(text, CHARLIE);
    expect(slow.durationMs!).toBeGreaterThan(normal.durationMs! * 1.3);
  });

  it('reads text that looks like options as text', async () => {
    const result = await voice.synthesize('-v --help -w /etc/passwd', CHARLIE);
    expect(checkWav(result.audio).pcm.length).toBeGreaterThan(22_050);
  });

  it('falls back to the base voice for an unknown or malformed voice name', async () => {
    const unknown = await voice.synthesize('Hello there.', { localVoice: 'xx-nope+m9' });
    const malformed = await voice.synthesize('Hello there.', { localVoice: '-q; rm -rf /' });
    const base = await voice.synthesize('Hello there.', {});
    expect(unknown.audio.equals(base.audio)).toBe(true);
    expect(malformed.audio.equals(base.audio)).toBe(true);
  });

  it('keeps concurrent syntheses apart (one WebAssembly instance each)', async () => {
    const texts = ['First story about a fox.', 'Second story, about a bear who liked honey very much.'];
    const sequential: Buffer[] = [];
    for (const text of texts) sequential.push((await voice.synthesize(text, CHARLIE)).audio);
    const concurrent = await Promise.all(texts.map((text) => voice.synthesize(text, CHARLIE)));
    expect(concurrent.map((result, index) => result.audio.equals(sequential[index]!))).toEqual([true, true]);
    expect(sequential[0]!.equals(sequential[1]!)).toBe(false);
  });

  it('refuses blank text and stops when aborted', async () => {
    await expect(voice.synthesize(' \n ', CHARLIE)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    const error = await voice
      .synthesize('Hello.', CHARLIE, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).message).toBe('cancelled');
  });
});
