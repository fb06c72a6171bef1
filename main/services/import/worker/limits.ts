// How much time and memory one file's extraction may take. Beyond these the worker thread doing it is
// stopped and the file refused with a message; the app itself is never at risk.

export interface ExtractionLimits {
  /** The whole extraction, however busy the worker is. */
  timeoutMs: number;
  /** Silence from the worker (no heartbeat): its thread is stuck in one synchronous step. */
  stallMs: number;
  /** The worker's JavaScript heap (V8 old generation). */
  maxHeapMb: number;
  /**
   * Growth of the whole process's resident memory while a file is read. Buffers (decoded PDF streams)
   * live outside the JavaScript heap, so the heap limit alone does not bound them.
   */
  maxMemoryGrowthMb: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  timeoutMs: 10 * 60_000,
  stallMs: 60_000,
  maxHeapMb: 1_536,
  maxMemoryGrowthMb: 2_560,
};

/** How often the worker says it is alive, and how often memory is looked at. */
export const HEARTBEAT_MS = 500;
/** An idle worker is kept this long for the next file, then stopped. */
export const IDLE_SHUTDOWN_MS = 15_000;
