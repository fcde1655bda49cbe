/**
 * How a lane's series is named in the metric stream, the run store and saved runs: `lane:key`
 * (lane from 0; key a loss part, state value or metric id). One home, so the worker's batches,
 * the charts and the history comparison can never disagree.
 */
export const laneColumn = (lane: number, key: string): string => `${lane}:${key}`;
