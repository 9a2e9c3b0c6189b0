/**
 * Main-thread side of the worker protocol: one typed `request()` per `Request` type,
 * progress callbacks, cancel, and an explicit lifecycle.
 *
 * - The worker starts lazily, on the first request.
 * - A worker crash (`error` / `messageerror` event) rejects every pending request with a clear
 *   message and terminates the worker; the next request starts a fresh one (datasets held by the
 *   old worker are gone: an `analyze` on an old datasetId answers `unknown-dataset`).
 * - `dispose()` terminates the worker and rejects what is pending; the client is then unusable.
 */
import type { Progress } from '../model';
import type {
  FromWorker,
  Request,
  RequestType,
  ResultMap,
  ToWorker,
  WorkerError,
} from './protocol';

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(
    type: 'message' | 'error' | 'messageerror',
    listener: (event: Event) => void,
  ): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike;

/** A request as the caller writes it: the client assigns the id. */
export type RequestInput<T extends RequestType> = Omit<Extract<Request, { type: T }>, 'id'> & {
  type: T;
};

/** The promise of a result, with the request id to `cancel()` it. */
export type PendingRequest<T extends RequestType> = Promise<ResultMap[T]> & {
  readonly id: number;
};

/** Rejection value of every failed request: carries the protocol's `WorkerError` fields. */
export class WorkerRequestError extends Error implements WorkerError {
  readonly code: WorkerError['code'];
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'WorkerRequestError';
    this.code = error.code;
    if (error.file !== undefined) this.file = error.file;
    if (error.line !== undefined) this.line = error.line;
    if (error.column !== undefined) this.column = error.column;
  }

  /** A plain, cloneable copy for state and views. */
  toJSON(): WorkerError {
    const out: WorkerError = { code: this.code, message: this.message };
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.column !== undefined) out.column = this.column;
    return out;
  }
}

/** Any thrown value as a `WorkerError`. */
export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof WorkerRequestError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export function isCancelled(error: unknown): boolean {
  return error instanceof WorkerRequestError && error.code === 'cancelled';
}

export interface AnalysisClient {
  request<T extends RequestType>(
    req: RequestInput<T>,
    onProgress?: (progress: Progress) => void,
  ): PendingRequest<T>;
  /** Stops a request: it rejects at once with code `cancelled`; the worker is told to stop. */
  cancel(id: number): void;
  /** Terminates the worker and rejects pending requests. Requests after this reject. */
  dispose(): void;
  /** True while a worker exists (between its lazy start and a crash or dispose). */
  readonly running: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: WorkerRequestError): void;
  onProgress?: (progress: Progress) => void;
}

export function createAnalysisClient(factory: WorkerFactory): AnalysisClient {
  let worker: WorkerLike | null = null;
  let disposed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function rejectAll(error: WorkerError): void {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.reject(new WorkerRequestError(error));
  }

  function stop(): void {
    const w = worker;
    worker = null;
    if (w) {
      try {
        w.terminate();
      } catch {
        // A worker that failed to start may not terminate cleanly; nothing left to do.
      }
    }
  }

  function crash(instance: WorkerLike, detail: string): void {
    if (instance !== worker) return;
    stop();
    rejectAll({
      code: 'internal',
      message: `The analysis worker stopped unexpectedly (${detail}). Your data never left this page; try again — a fresh worker will be started.`,
    });
  }

  function onMessage(instance: WorkerLike, message: FromWorker): void {
    if (instance !== worker) return;
    const entry = pending.get(message.id);
    if (!entry) return; // cancelled or unknown: ignore late messages
    if (message.kind === 'progress') {
      entry.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new WorkerRequestError(message.error));
  }

  function start(): WorkerLike {
    if (worker) return worker;
    const instance = factory();
    worker = instance;
    instance.addEventListener('message', (event) => {
      onMessage(instance, (event as MessageEvent<FromWorker>).data);
    });
    instance.addEventListener('error', (event) => {
      // Keep the browser from logging it as an uncaught error twice; we report it ourselves.
      event.preventDefault?.();
      const message = (event as ErrorEvent).message;
      crash(instance, message ? message : 'the worker script failed to load or threw');
    });
    instance.addEventListener('messageerror', () => {
      crash(instance, 'a message could not be decoded');
    });
    return instance;
  }

  function request<T extends RequestType>(
    req: RequestInput<T>,
    onProgress?: (progress: Progress) => void,
  ): PendingRequest<T> {
    const id = nextId++;
    const promise = new Promise<ResultMap[T]>((resolve, reject) => {
      if (disposed) {
        reject(
          new WorkerRequestError({
            code: 'internal',
            message: 'The analysis client was disposed.',
          }),
        );
        return;
      }
      let instance: WorkerLike;
      try {
        instance = start();
      } catch (error) {
        reject(
          new WorkerRequestError({
            code: 'internal',
            message: `Could not start the analysis worker: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
        return;
      }
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      try {
        instance.postMessage({ ...req, id } as unknown as ToWorker);
      } catch (error) {
        pending.delete(id);
        reject(
          new WorkerRequestError({
            code: 'internal',
            message: `Could not send the request to the analysis worker: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
      }
    });
    return Object.assign(promise, { id });
  }

  function cancel(id: number): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    try {
      worker?.postMessage({ type: 'cancel', id });
    } catch {
      // The worker is gone; the request is cancelled either way.
    }
    entry.reject(new WorkerRequestError({ code: 'cancelled', message: 'Cancelled.' }));
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    stop();
    rejectAll({ code: 'cancelled', message: 'The analysis client was disposed.' });
  }

  return {
    request,
    cancel,
    dispose,
    get running() {
      return worker !== null;
    },
  };
}

/** The production worker: a module worker bundled by Vite. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'analysis',
  });
