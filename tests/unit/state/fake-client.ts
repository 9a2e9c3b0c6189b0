/** A scripted AnalysisClient: requests wait until the test answers them. */
import { vi } from 'vitest';
import {
  WorkerRequestError,
  type AnalysisClient,
  type PendingRequest,
  type RequestInput,
} from '../../../src/lib/worker/client';
import type { RequestType, ResultMap, WorkerError } from '../../../src/lib/worker/protocol';
import type { Progress } from '../../../src/lib/model';

export type AnyInput = RequestInput<'load'> | RequestInput<'analyze'>;

export interface Call {
  id: number;
  /** Load and analyze requests carry options; export requests are typed loosely here. */
  req: AnyInput;
  onProgress?: (progress: Progress) => void;
  resolve(value: unknown): void;
  reject(error: WorkerError): void;
  settled: boolean;
}

export class FakeClient implements AnalysisClient {
  calls: Call[] = [];
  cancelled: number[] = [];
  disposed = false;
  running = false;
  #next = 1;

  request<T extends RequestType>(
    req: RequestInput<T>,
    onProgress?: (progress: Progress) => void,
  ): PendingRequest<T> {
    const id = this.#next++;
    let call!: Call;
    const promise = new Promise<ResultMap[T]>((resolve, reject) => {
      call = {
        id,
        req: req as unknown as AnyInput,
        onProgress,
        settled: false,
        resolve: (v) => {
          call.settled = true;
          resolve(v as ResultMap[T]);
        },
        reject: (e) => {
          call.settled = true;
          reject(new WorkerRequestError(e));
        },
      };
    });
    this.calls.push(call);
    return Object.assign(promise, { id });
  }

  cancel = vi.fn((id: number) => {
    this.cancelled.push(id);
    const call = this.calls.find((c) => c.id === id);
    if (call && !call.settled) call.reject({ code: 'cancelled', message: 'Cancelled.' });
  });

  dispose = vi.fn(() => {
    this.disposed = true;
  });

  last(): Call {
    return this.calls[this.calls.length - 1];
  }
}

/** Let awaiting code run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
