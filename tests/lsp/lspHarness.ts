/**
 * A minimal LSP client for protocol tests: spawns `dist/server.js --stdio`,
 * answers the server's requests (configuration, progress, registrations)
 * and records what it publishes, with polling helpers (no fixed sleeps).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type {
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface Harness {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Latest diagnostics per URI, and every publish in order. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  publishes: PublishDiagnosticsParams[];
  messages: Array<{ type: number; message: string }>;
  logs: string[];
  progress: unknown[];
  registrations: unknown[];
  statusChanges: unknown[];
  /** The `factcheck` section returned for workspace/configuration (mutable; a function gets the scope URI and may return a promise). */
  settings: { value: unknown };
  stderr: () => string;
  init: InitializeResult;
  close(): Promise<void>;
}

export function uriOf(p: string): string {
  return pathToFileURL(p).href;
}

/** Polls `fn` every 25 ms until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface StartOptions {
  folders: string[];
  settings?: unknown;
  trusted?: boolean;
  /** Node options for the server process (e.g. `--expose-gc` for memory measurements). */
  nodeArgs?: string[];
  /** Another server bundle than `dist/server.js` (a benchmark comparing builds). */
  server?: string;
  /** More `initializationOptions` (e.g. `clientShowsCorpusProblems`). */
  initializationOptions?: Record<string, unknown>;
}

export async function startHarness(opts: StartOptions): Promise<Harness> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.server ?? serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const h: Omit<Harness, 'init'> & { init?: InitializeResult } = {
    conn,
    proc,
    diagnostics: new Map(),
    publishes: [],
    messages: [],
    logs: [],
    progress: [],
    registrations: [],
    statusChanges: [],
    settings: { value: opts.settings },
    stderr: () => err,
    close: async () => {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // already gone
      }
      const exited = new Promise((r) => proc.once('exit', r));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (proc.exitCode === null) proc.kill();
      conn.dispose();
    },
  };
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    h.diagnostics.set(p.uri, p);
    h.publishes.push(p);
  });
  conn.onNotification('window/showMessage', (p: { type: number; message: string }) => h.messages.push(p));
  conn.onNotification('window/logMessage', (p: { message: string }) => h.logs.push(p.message));
  conn.onNotification('$/progress', (p: unknown) => h.progress.push(p));
  conn.onNotification('factcheck/statusChanged', (p: unknown) => h.statusChanges.push(p));
  // A settings function may answer asynchronously (a test can hold the server's pull back).
  conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string }> }) =>
    Promise.all(
      p.items.map(async (item) => {
        const v = h.settings.value;
        return (await (typeof v === 'function' ? (v as (scope?: string) => unknown)(item.scopeUri) : v)) ?? null;
      }),
    ),
  );
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', (p: unknown) => {
    h.registrations.push(p);
    return null;
  });
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('workspace/applyEdit', () => ({ applied: true }));
  conn.listen();
  const init = await conn.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: opts.folders[0] ? uriOf(opts.folders[0]) : null,
    workspaceFolders: opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    initializationOptions: { trusted: opts.trusted ?? true, ...opts.initializationOptions },
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      },
    },
  });
  await conn.sendNotification('initialized', {});
  h.init = init;
  return h as Harness;
}

/** Opens a document and waits for its first diagnostics. */
export async function openAndWait(h: Harness, uri: string, text: string, languageId = 'markdown', version = 1): Promise<Diagnostic[]> {
  const before = h.publishes.length;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  const p = await waitFor(`diagnostics for ${uri}`, () => h.publishes.slice(before).find((x) => x.uri === uri));
  return p.diagnostics;
}

/** Waits for a publish for `uri` after publish number `after` that satisfies `pred`. */
export async function nextDiagnostics(
  h: Harness,
  uri: string,
  after: number,
  pred: (d: Diagnostic[]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Diagnostic[]> {
  const p = await waitFor(`diagnostics for ${uri}`, () => h.publishes.slice(after).find((x) => x.uri === uri && pred(x.diagnostics)), timeoutMs);
  return p.diagnostics;
}
