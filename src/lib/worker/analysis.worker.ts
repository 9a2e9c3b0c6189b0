/// <reference lib="webworker" />
/**
 * The analysis worker: files are read, typed and analysed here, never on the main thread.
 * It keeps each loaded dataset so a role or threshold change re-runs the analysis without a re-read.
 */
import { handleRequest, type WorkerHost } from './handler';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const host: WorkerHost = {
  post(message: FromWorker, transfer: Transferable[] = []) {
    self.postMessage(message, transfer);
  },
};
const cancelled = new Set<number>();

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  void handleRequest(message, host, () => cancelled.has(message.id)).finally(() =>
    cancelled.delete(message.id),
  );
};
