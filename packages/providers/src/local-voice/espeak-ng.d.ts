/** The Emscripten module of the `espeak-ng` package (eSpeak NG compiled to WebAssembly); it ships no types. */
declare module 'espeak-ng' {
  export interface ESpeakNgFileSystem {
    writeFile(path: string, data: string | Uint8Array): void;
    readFile(path: string): Uint8Array;
    analyzePath(path: string): { exists: boolean };
  }

  export interface ESpeakNgInstance {
    FS: ESpeakNgFileSystem;
  }

  export interface ESpeakNgOptions {
    /** The espeak-ng command line; `main` runs once the instance is ready. */
    arguments?: string[];
    /** Runs before `main`, e.g. to write the input file. */
    preRun?: Array<(instance: ESpeakNgInstance) => void>;
    print?: (line: string) => void;
    printErr?: (line: string) => void;
  }

  /** Every call instantiates a new module: its own memory and file system. */
  export default function ESpeakNg(options?: ESpeakNgOptions): Promise<ESpeakNgInstance>;
}
