import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires after the quiet period and not before', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const idle = new IdleTimer(1000, onIdle);
    idle.attach(target);
    vi.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('starts again on input', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const idle = new IdleTimer(1000, onIdle);
    idle.attach(target);
    vi.advanceTimersByTime(800);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(800);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stops when detached', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const idle = new IdleTimer(1000, onIdle);
    idle.attach(target);
    idle.detach(target);
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
