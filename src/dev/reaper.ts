// Runs beside a cluster that belongs to another process (the e2e test runner) and stops the cluster
// when that process dies without stopping it, e.g. when it is killed: a test run never leaks processes.
// Usage: node reaper.ts DIR OWNER_PID
import { killComponent, isAlive, readState } from './processes.ts';

const [dir, owner] = process.argv.slice(2);
if (!dir || !owner) throw new Error('usage: reaper.ts DIR OWNER_PID');
const ownerPid = Number(owner);

const timer = setInterval(() => {
  const state = readState(dir);
  if (!state) {
    clearInterval(timer); // stopped properly
    return;
  }
  if (isAlive(ownerPid)) return;
  clearInterval(timer);
  void Promise.all([...state.components].reverse().map((c) => killComponent(c, 2000)));
}, 1000);
