import { describe, expect, it } from 'vitest';
import { settledStatus } from './driveRun';
import { concurrencyProblem } from './runsStore';

describe('settledStatus', () => {
  it('stores how a run ended: done, paused by the lab with its reason, paused or cancelled by the person', () => {
    expect(settledStatus({ kind: 'done' }, null)).toEqual({ status: 'done', pauseReason: null });
    expect(settledStatus({ kind: 'paused', reason: 'Server gone.' }, null)).toEqual({ status: 'paused', pauseReason: 'Server gone.' });
    // The lab's reason wins over a Pause pressed while the outage was being detected: it says what to fix.
    expect(settledStatus({ kind: 'paused', reason: 'Server gone.' }, 'pause')).toEqual({ status: 'paused', pauseReason: 'Server gone.' });
    expect(settledStatus({ kind: 'stopped' }, 'pause')).toEqual({ status: 'paused', pauseReason: null });
    expect(settledStatus({ kind: 'stopped' }, 'restart')).toEqual({ status: 'paused', pauseReason: null });
    expect(settledStatus({ kind: 'stopped' }, 'cancel')).toEqual({ status: 'cancelled', pauseReason: null });
  });
});

describe('concurrencyProblem', () => {
  it('accepts whole numbers from 1 to 64 and names anything else', () => {
    expect(concurrencyProblem(1)).toBeNull();
    expect(concurrencyProblem(64)).toBeNull();
    expect(concurrencyProblem(0)).toBe('Concurrency must be a whole number from 1 to 64 (got 0).');
    expect(concurrencyProblem(2.5)).toBe('Concurrency must be a whole number from 1 to 64 (got 2.5).');
    expect(concurrencyProblem(Number.NaN)).toBe('Concurrency must be a whole number from 1 to 64 (got nothing).');
  });
});
