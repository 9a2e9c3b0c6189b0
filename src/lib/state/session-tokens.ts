/**
 * The session's operation tokens. Each load, re-analysis or fetch takes a new token; an answer
 * whose token is no longer current (the user cancelled, reset or started something else) is
 * dropped, so late worker answers never overwrite newer state. Starting an operation also
 * cancels the worker request and aborts the download that the previous one left running.
 */
export class OperationTokens {
  readonly #cancelRequest: (id: number) => void;
  #current = 0;
  #inflightId: number | null = null;
  #fetchAbort: AbortController | null = null;

  /** `cancelRequest` stops a worker request by id (the analysis client's `cancel`). */
  constructor(cancelRequest: (id: number) => void) {
    this.#cancelRequest = cancelRequest;
  }

  /** Start a new operation: cancel whatever runs and return the new token. */
  begin(): number {
    if (this.#inflightId !== null) this.#cancelRequest(this.#inflightId);
    this.#inflightId = null;
    this.#fetchAbort?.abort();
    this.#fetchAbort = null;
    return ++this.#current;
  }

  isCurrent(token: number): boolean {
    return token === this.#current;
  }

  /** The worker request the current operation waits for, cancelled by the next `begin`. */
  track(requestId: number): void {
    this.#inflightId = requestId;
  }

  /** The operation's request settled; forget it unless a newer operation already took over. */
  settle(token: number): void {
    if (this.isCurrent(token)) this.#inflightId = null;
  }

  /** A download for the current operation, aborted by the next `begin`. */
  startFetch(): AbortController {
    const abort = new AbortController();
    this.#fetchAbort = abort;
    return abort;
  }

  endFetch(abort: AbortController): void {
    if (this.#fetchAbort === abort) this.#fetchAbort = null;
  }
}
