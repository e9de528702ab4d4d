/// <reference path="./espeak-ng.d.ts" />
import type { ESpeakNgInstance } from 'espeak-ng';

const INPUT_PATH = '/input.txt';
const OUTPUT_PATH = '/out.wav';

export interface EspeakRun {
  text: string;
  voice: string;
  speedWpm: number;
}

/** espeak-ng could not produce audio (unknown voice, bad input); `messages` is its stderr. */
export class EspeakFailure extends Error {
  constructor(readonly messages: string[]) {
    super(`espeak-ng produced no audio${messages.length ? `: ${messages.join(' ')}` : ''}`);
    this.name = 'EspeakFailure';
  }
}

/**
 * Runs the espeak-ng command line once, in a fresh WebAssembly instance (own memory and file system,
 * so concurrent runs cannot see each other's files), and returns the WAV it wrote. The text goes in
 * through a file, never as an argument: arguments are copied onto the 64 kB WebAssembly stack, which a
 * long story overflows, and a text starting with `-` would read as an option.
 */
export async function runEspeak(run: EspeakRun): Promise<Buffer> {
  // Loaded on first use: the module embeds 18 MB of WebAssembly that most processes never need.
  const { default: ESpeakNg } = await import('espeak-ng');
  const messages: string[] = [];
  const instance: ESpeakNgInstance = await ESpeakNg({
    preRun: [(module) => module.FS.writeFile(INPUT_PATH, run.text)],
    arguments: ['-b', '1', '-s', String(run.speedWpm), '-v', run.voice, '-w', OUTPUT_PATH, '-f', INPUT_PATH],
    print: () => {},
    printErr: (line) => {
      if (messages.length < 5) messages.push(line.slice(0, 200));
    },
  });
  if (!instance.FS.analyzePath(OUTPUT_PATH).exists) throw new EspeakFailure(messages);
  const wav = instance.FS.readFile(OUTPUT_PATH);
  return Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
}
