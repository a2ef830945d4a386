// The state file at the store level (no HTTP): what it keeps (state, clock, SMS outbox, files, sessions),
// torn last lines, damaged files, the one-process lock and compaction.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../fixtures/account-scenarios';
import { DEFAULT_SEED, baseline } from '../fixtures/baseline';
import { getScenario } from '../fixtures/scenarios';
import { StateFile, StateFileError } from '../store/persistence';
import type { Session } from '../store/session';
import { Session as SessionClass, SessionRegistry } from '../store/session';

const START = Date.parse('2015-09-01T02:00:00.000Z');

function registry(): SessionRegistry {
  return new SessionRegistry(
    (name) =>
      new SessionClass({
        name,
        seed: DEFAULT_SEED,
        fixedCodes: false,
        clock: { start: START, frozen: true },
        baseline,
        effectHandlers: new Map(),
        log: { info() {}, warn() {}, error() {} },
      }),
  );
}

function scenario(session: Session, name: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return getScenario(name)!.run(session, params);
}

/** Everything a restart must give back, per session. */
function dump(reg: SessionRegistry) {
  return Object.fromEntries(
    reg
      .list()
      .map((s) => [
        s.name,
        {
          snapshot: s.snapshot(),
          outbox: s.sms(),
          blobs: s.blobs.keys().map((k) => ({ k, type: s.blobs.get(k)!.contentType, data: s.blobs.get(k)!.data.toString('hex') })),
        },
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

let dir: string;
let file: string;
const open: StateFile[] = [];

async function openFile(reg: SessionRegistry, compactBytes?: number) {
  const r = await StateFile.open(reg, { path: file, compactBytes });
  open.push(r.file);
  return r;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'partywo-state-'));
  file = path.join(dir, 'state.jsonl');
});

afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('state file (store level)', () => {
  it('creates a missing file with a snapshot of the baseline, and loads it back', async () => {
    const reg = registry();
    const { report } = await openFile(reg);
    expect(report).toMatchObject({ existed: false, records: 0, sessions: ['default'] });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ t: 'snapshot', v: 1 });
    await open.pop()!.close();
    const reg2 = registry();
    const again = await openFile(reg2);
    expect(again.report).toMatchObject({ existed: true, records: 0 });
    expect(dump(reg2)).toEqual(dump(reg));
  });

  it('keeps state, clock, SMS outbox, files and sessions across a restart', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg);
    const d = reg.get('default');
    scenario(d, 'a logged-in customer');
    scenario(d, 'a staff user of company X', { role: 'risk' });
    d.clock.advance(3600_000);
    d.perform({ type: 'sms', phone: '13700000001', code: '123456', purpose: 'account', text: '验证码 123456' });
    d.blobs.put('icons/a.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), d.clock.now());
    const alice = reg.get('alice');
    scenario(alice, 'a registered customer', { phoneNumber: '13912345678' });
    alice.clock.advance(86_400_000);
    const bob = reg.get('bob');
    scenario(bob, 'a registered customer');
    reg.drop('bob');
    reg.get('carol'); // created, never changed
    await sf.commit();
    expect(sf.dirty).toBe(false);
    const before = dump(reg);
    expect(Object.keys(before)).toEqual(['alice', 'carol', 'default']);

    // restart without close: what is on disk is what counts
    open.pop();
    const reg2 = registry();
    const { report } = await StateFile.open(reg2, { path: `${file}` }).catch(async (err: unknown) => {
      // the lock of this (live) process refuses a second open; take the file over as a new process would
      expect(err).toBeInstanceOf(StateFileError);
      await sf.close();
      const r = await StateFile.open(reg2, { path: file });
      open.push(r.file);
      return r;
    });
    expect(report.existed).toBe(true);
    expect(dump(reg2)).toEqual(before);
    expect(reg2.get('default').sms()[0]).toMatchObject({ code: '123456', phone: '13700000001' });
  });

  it('replays reset and restore (the state record) with the outbox and files cleared on reset', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg);
    const d = reg.get('default');
    scenario(d, 'a registered customer', { phoneNumber: '13911112222' });
    const snap = d.snapshot();
    d.perform({ type: 'sms', phone: '13911112222', code: '654321', purpose: 'account', text: 't' });
    d.reset();
    scenario(d, 'a registered customer', { phoneNumber: '13933334444' });
    d.restore(snap);
    await sf.close();
    open.pop();
    const before = dump(reg);
    const reg2 = registry();
    await openFile(reg2);
    expect(dump(reg2)).toEqual(before);
    expect(reg2.get('default').sms()).toEqual([]);
  });

  it('discards a torn last line (and cuts it off the file); everything before it loads', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg);
    scenario(reg.get('default'), 'a registered customer', { phoneNumber: '13955556666' });
    await sf.close();
    open.pop();
    const good = readFileSync(file);
    for (const torn of ['{"t":"ev","s":"default","e":[{"slice":"co', '{"t":"clock","s":"default","now":1,"offset":0}', '{"t":"ev"\n']) {
      writeFileSync(file, good);
      appendFileSync(file, torn);
      const reg2 = registry();
      const { file: sf2, report } = await openFile(reg2);
      expect(report.discardedBytes).toBe(Buffer.byteLength(torn));
      expect(dump(reg2)).toEqual(dump(reg));
      await sf2.close();
      open.pop();
      // cut off, so the next record starts on a clean line
      expect(readFileSync(file).subarray(0, good.length).equals(good) || readFileSync(file, 'utf8').startsWith('{"t":"snapshot"')).toBe(true);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    }
  });

  it('refuses a file damaged in the middle, a file that is not a state file, and a newer version', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg);
    scenario(reg.get('default'), 'a registered customer');
    await sf.commit();
    reg.get('default').clock.advance(1000);
    await sf.close();
    open.pop();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(3);
    writeFileSync(file, [lines[0], 'garbage', ...lines.slice(1)].join('\n'));
    await expect(StateFile.open(registry(), { path: file })).rejects.toThrow(/line 2 is damaged/);
    for (const other of ['{"hello":"world"}\n', 'hello', '{"t":"ev","s":"default","e":[]}\n']) {
      writeFileSync(file, other);
      await expect(StateFile.open(registry(), { path: file })).rejects.toThrow(/not a partywo mock state file/);
      expect(readFileSync(file, 'utf8')).toBe(other); // left untouched
    }
    writeFileSync(file, '{"t":"snapshot","v":99,"sessions":{}}\n');
    await expect(StateFile.open(registry(), { path: file })).rejects.toThrow(/version 1/);
    // a refused open leaves no lock behind
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('one process per file: a live holder is refused, a dead one (kill -9) is taken over', async () => {
    const reg = registry();
    await openFile(reg);
    await expect(StateFile.open(registry(), { path: file })).rejects.toThrow(/in use by process/);
    await open.pop()!.close();
    writeFileSync(`${file}.lock`, '999999999'); // no such process
    const { report } = await openFile(registry());
    expect(report.existed).toBe(true);
  });

  it('compacts into a snapshot (temp file + rename) and loads the same state after it', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg, 4096);
    const d = reg.get('default');
    for (let i = 0; i < 40; i++) {
      scenario(d, 'a logged-in customer', { phoneNumber: `1370000${String(1000 + i)}` });
      await sf.commit();
    }
    expect(sf.compactions).toBeGreaterThan(1);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    await sf.close();
    open.pop();
    const reg2 = registry();
    await openFile(reg2);
    expect(dump(reg2)).toEqual(dump(reg));
  });

  it('serialises events when they are applied: later changes to the same objects do not leak into the log', async () => {
    const reg = registry();
    const { file: sf } = await openFile(reg);
    const d = reg.get('default');
    const r = scenario(d, 'a logged-in customer', { phoneNumber: '13766667777' });
    await sf.commit();
    // a later request mutates the stored token object in place (lastUsedAt); replay must end equal
    d.clock.advance(60_000);
    scenario(d, 'a logged-in customer', { phoneNumber: '13766667777', password: r.password });
    expect(r.login_token).toBeTruthy();
    await sf.close();
    open.pop();
    const reg2 = registry();
    await openFile(reg2);
    expect(dump(reg2)).toEqual(dump(reg));
  });
});
