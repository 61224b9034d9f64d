// Calls `onIdle` once when no pointer, key or wheel input has arrived for `ms` milliseconds.
const EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly reset = () => this.arm();

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}

  attach(target: EventTarget): void {
    for (const e of EVENTS) target.addEventListener(e, this.reset, { passive: true });
    this.arm();
  }

  detach(target: EventTarget): void {
    for (const e of EVENTS) target.removeEventListener(e, this.reset);
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.ms);
  }
}
