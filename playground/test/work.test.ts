/** The work kept in the browser: saved and restored with its edited mark, and every failure said. */
import { describe, expect, it } from 'vitest';
import type { Shared } from '../src/share';
import { WORK_KEY, fingerprint, loadWork, saveWork, type KeyValueStore } from '../src/work';

const session: Shared = { v: 1, example: 'x', plan: 'plan "P"\n', tables: [{ name: 'deals', header: ['id'], rows: [['1']] }] };

const memory = (): KeyValueStore & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
};

describe('work in the browser', () => {
  it('is restored as saved, with whether it was edited', () => {
    const store = memory();
    expect(loadWork(store)).toBeUndefined();
    expect(saveWork(store, { session, edited: true })).toBeUndefined();
    expect(loadWork(store)).toEqual({ ok: true, session, edited: true });
    saveWork(store, { session, edited: false });
    expect(loadWork(store)).toEqual({ ok: true, session, edited: false });
  });

  it('says when what is saved cannot be read', () => {
    const store = memory();
    store.items.set(WORK_KEY, '{"session":');
    expect(loadWork(store)).toMatchObject({ ok: false, error: { code: 'not-json' } });
    store.items.set(WORK_KEY, JSON.stringify({ edited: true, session: { v: 1, plan: 3, tables: [] } }));
    expect(loadWork(store)).toMatchObject({ ok: false, error: { code: 'not-a-session', reason: expect.stringContaining('no plan') } });
  });

  it('says why it cannot be saved', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveWork(full, { session, edited: true })).toBe("this browser's storage refused it (1 KB: full, or turned off)");
    expect(saveWork(undefined, { session, edited: true })).toBe('this browser offers the page no storage');
    const refusing: KeyValueStore = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => undefined };
    expect(loadWork(refusing)).toBeUndefined();
  });

  it('counts as edited when the plan, version B or a cell changes, not when an empty grid is added', () => {
    const base = fingerprint(session);
    expect(fingerprint({ ...session, tables: [...session.tables, { name: 'quotas', header: ['payee'], rows: [] }] })).toBe(base);
    expect(fingerprint({ ...session, compare: session.plan })).toBe(base);
    expect(fingerprint({ ...session, plan: `${session.plan}# note\n` })).not.toBe(base);
    expect(fingerprint({ ...session, compare: 'plan "Q"\n' })).not.toBe(base);
    expect(fingerprint({ ...session, tables: [{ name: 'deals', header: ['id'], rows: [['2']] }] })).not.toBe(base);
  });
});
