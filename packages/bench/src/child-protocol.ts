import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The servers under test run as forked children (their own event loop and CPU time, apart from the
 * load generator). They announce their port over the IPC channel and stop on a `stop` message,
 * SIGTERM/SIGINT, or when the parent goes away, so an interrupted run leaves no orphan behind.
 */

interface ReadyMessage {
  type: 'ready';
  port: number;
}

export function announceReady(address: string | AddressInfo | null): void {
  if (!address || typeof address === 'string') throw new Error('the server listens on no TCP port');
  process.send?.({ type: 'ready', port: address.port } satisfies ReadyMessage);
}

export function onStop(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') stop();
  });
}

export interface RunningServer {
  name: string;
  url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Forks `entry` (a .ts file next to this one) under tsx and resolves once it listens. */
export function startServer(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    env,
    // tsx's loader by absolute URL, so the child starts the same way from any working directory.
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
    await waitForExit(child, STOP_TIMEOUT_MS);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
    });
    child.on('message', (message: Partial<ReadyMessage>) => {
      if (message.type !== 'ready' || typeof message.port !== 'number') return;
      clearTimeout(timer);
      resolve({ name, url: `http://127.0.0.1:${message.port}`, stop });
    });
  });
}
