/** Share links: a session round-trips, and every way a link can be unreadable has its own code. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkSession, decodeShare, encodeShare, type Shared } from '../src/share';

const session: Shared = {
  v: 1,
  example: 'account-executive',
  plan: 'plan "P"\n  currency CNY\n',
  tables: [{ name: 'deals', header: ['id', 'payee'], rows: [['1', 'ana'], ['2', 'bob — ünïcode']] }],
  compare: 'plan "Q"\n',
  selected: { payee: 'ana', period: '2026-Q1' },
};
/** A hash holding `text`, packed as the page packs it. */
const packed = (text: string) => `#s=${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
const codeOf = async (hash: string) => {
  const r = await decodeShare(hash);
  return r && !r.ok ? r.error.code : r;
};

describe('share links', () => {
  it('round-trip the session', async () => {
    const hash = await encodeShare(session);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(hash)).toEqual({ ok: true, session });
  });

  it('are absent when the URL has no hash', async () => {
    expect(await decodeShare('')).toBeUndefined();
    expect(await decodeShare('#')).toBeUndefined();
  });

  it('say why a damaged link cannot be read', async () => {
    const hash = await encodeShare(session);
    for (const cut of [1, 2, 3, 4, 9]) expect(await codeOf(hash.slice(0, hash.length - cut))).toBe('damaged');
    expect(await codeOf(hash.slice(0, 10))).toBe('damaged');
    expect(await codeOf(`${hash.slice(0, 20)}AAAA${hash.slice(24)}`)).toBe('damaged');
    expect(await codeOf('#s=abc%20def')).toBe('not-base64');
    expect(await codeOf('#s=')).toBe('not-base64');
    expect(await codeOf('#s=A')).toBe('not-base64');
    expect(await codeOf('#section-2')).toBe('not-a-link');
    expect(await codeOf(packed('plan "P"'))).toBe('not-json');
    expect(await codeOf(packed('{"v":1,"tables":[]}'))).toBe('not-a-session');
    expect(await codeOf(packed('{"v":1,"plan":"x","tables":[{"name":"t","header":["a"],"rows":[[1]]}]}'))).toBe('not-a-session');
    expect(await codeOf(packed('{"v":2,"plan":"x","tables":[]}'))).toBe('newer-version');
  });

  it('word the reason for the reader', async () => {
    const r = await decodeShare('#s=AAAA');
    expect(r).toEqual({ ok: false, error: { code: 'damaged', reason: 'it is cut short or damaged (its compressed data does not unpack)' } });
    expect(checkSession({ v: 1, plan: 'x', tables: [], selected: { payee: 'ana' } })).toEqual({
      ok: false,
      error: { code: 'not-a-session', reason: 'it does not hold a playground session (the selected statement is not a payee and period)' },
    });
  });
});
