import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

const { call, encodeArgs } = await import('./call');

describe('call', () => {
  beforeEach(() => invoke.mockReset());

  it('sends the arguments as the raw bytes of their JSON text, not as an object', async () => {
    invoke.mockResolvedValue({ ok: true });
    const args = { passphrase: 'correct horse', note: 'Café ☕' };
    await expect(call('unlock', args)).resolves.toEqual({ ok: true });
    expect(invoke).toHaveBeenCalledTimes(1);
    const [command, body] = invoke.mock.calls[0] as [string, unknown];
    expect(command).toBe('unlock');
    expect(body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(body as Uint8Array))).toEqual(args);
  });

  it('sends a command without input as {}', () => {
    expect(new TextDecoder().decode(encodeArgs({}))).toBe('{}');
  });
});
