/**
 * `@kit/redis-store/testing`: a real, throw-away `redis-server` for tests and benchmarks. It listens on a free
 * loopback port, keeps its files in a fresh temporary directory, persists nothing unless asked
 * (`--save '' --appendonly no`), and can be stopped, restarted on the same port, paused and resumed to
 * rehearse outages.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * const stores = createRedisStores({ url: redis.url });
 * // …
 * await stores.close();
 * await redis.close();
 * ```
 *
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Path of the `redis-server` binary. Default: `REDIS_SERVER_PATH`, else `redis-server` on the PATH. */
  binary?: string;
  /** Extra command-line arguments, e.g. `['--maxmemory', '10mb']`. */
  args?: string[];
  /** How long to wait for "Ready to accept connections", in ms (default 10 000). */
  startTimeoutMs?: number;
}

/** A running (or stopped) test Redis. */
export interface RedisServer {
  /** Its loopback port (kept across restarts). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Its working directory (dump file, if saved). */
  readonly dir: string;
  /** Whether the process is up. */
  readonly running: boolean;
  /** Process id while running. */
  readonly pid: number | undefined;
  /** Send a command over a raw connection (for tests: `SAVE`, `DEBUG SLEEP`, `KEYS *`…); resolves with the reply line(s). */
  command(...args: string[]): Promise<string>;
  /**
   * Stop the server. `save: true` writes a snapshot first (`SAVE`), so the next {@link RedisServer.start}
   * loads the data back, like a Redis restart with persistence; otherwise everything written since the last
   * saved snapshot (if any) is gone.
   */
  stop(options?: { save?: boolean }): Promise<void>;
  /** Kill it hard (SIGKILL, like a crash or OOM kill) and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again on the same port and directory. */
  start(): Promise<void>;
  /** Freeze the process (SIGSTOP): connections stay open but nothing is answered — a hung Redis. */
  pause(): void;
  /** Thaw it (SIGCONT). */
  resume(): void;
  /** Stop it and delete its directory. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Start `redis-server` on a free 127.0.0.1 port in a temporary directory.
 * @throws Error naming the fix when the binary is missing or the server does not come up.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? process.env.REDIS_SERVER_PATH ?? 'redis-server';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'kit-redis-'));
  installExitHook();

  let port = 0;
  let child: ChildProcess | undefined;

  const launch = async (onPort: number) => {
    const proc = spawn(
      binary,
      [
        '--port',
        String(onPort),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--logfile',
        '',
        ...(options.args ?? []),
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    await waitUntilReady(proc, binary, startTimeoutMs);
    return proc;
  };

  // The free port found can be taken by someone else before redis-server binds it: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 5 && child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (error) {
      lastError = error;
      if (error instanceof Error && /not found/.test(error.message)) break;
    }
  }
  if (child === undefined) {
    rmSync(dir, { recursive: true, force: true });
    throw lastError instanceof Error ? lastError : new Error('redis-server did not start');
  }

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return server.running ? child?.pid : undefined;
    },
    command: (...args) => rawCommand(port, args),
    async stop({ save = false } = {}) {
      const proc = child;
      if (!proc || !server.running) return;
      if (save) await rawCommand(port, ['SAVE']);
      const exited = once(proc, 'exit');
      proc.kill('SIGCONT');
      proc.kill('SIGTERM');
      await exited;
    },
    async kill() {
      const proc = child;
      if (!proc || !server.running) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGKILL');
      await exited;
    },
    async start() {
      if (server.running) return;
      child = await launch(port);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

function waitUntilReady(proc: ChildProcess, binary: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      finish(new Error(`redis-server did not become ready within ${timeoutMs} ms. Output:\n${output}`));
      proc.kill('SIGKILL');
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) finish();
    };
    const onExit = (code: number | null) =>
      finish(new Error(`redis-server exited (code ${code}) before it was ready. Output:\n${output}`));
    const onError = (error: NodeJS.ErrnoException) =>
      finish(
        error.code === 'ENOENT'
          ? new Error(
              `${binary} not found. Install Redis 7 (node scripts/setup.mjs does it) or set REDIS_SERVER_PATH.`,
            )
          : error,
      );
    function finish(error?: Error) {
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      proc.off('exit', onExit);
      proc.off('error', onError);
      // Keep draining the pipe so a chatty server never blocks on a full buffer.
      proc.stdout?.resume();
      proc.stderr?.resume();
      if (error) reject(error);
      else resolve();
    }
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', onExit);
    proc.once('error', onError);
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** One command in RESP over a fresh socket; resolves with the raw reply text (enough for tests). */
function rawCommand(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`redis-server on ${port} did not answer`)));
    socket.on('connect', () => {
      const parts = args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
      socket.write(`*${args.length}\r\n${parts}`);
    });
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      if (isComplete(reply)) {
        socket.end();
        resolve(reply.toString('utf8').trimEnd());
      }
    });
    socket.on('error', reject);
  });
}

/** Whether a RESP reply is complete (simple strings, errors, integers, bulk strings and nested arrays). */
function isComplete(reply: Buffer): boolean {
  let pos = 0;
  const readLine = (): string | undefined => {
    const end = reply.indexOf('\r\n', pos);
    if (end < 0) return undefined;
    const line = reply.subarray(pos, end).toString('utf8');
    pos = end + 2;
    return line;
  };
  const readValue = (): boolean => {
    const line = readLine();
    if (line === undefined) return false;
    if (line[0] === '$') {
      const length = Number(line.slice(1));
      if (length < 0) return true;
      if (reply.byteLength < pos + length + 2) return false;
      pos += length + 2;
      return true;
    }
    if (line[0] === '*') {
      const count = Number(line.slice(1));
      for (let i = 0; i < count; i++) if (!readValue()) return false;
    }
    return true;
  };
  return readValue();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test run that dies must not leave redis-servers behind.
  process.once('exit', () => {
    for (const proc of live) proc.kill('SIGKILL');
  });
}
