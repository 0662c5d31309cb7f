// What the kernel says a process used: CPU seconds and peak resident memory, read from /proc so the
// figures cover a child process (the controllers) and the control plane's binaries alike.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** User + system CPU seconds of a live process. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Peak and current resident memory in bytes (VmHWM, VmRSS). */
export function memory(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { peak: kib('VmHWM'), current: kib('VmRSS') };
}

/** Processes whose command line mentions `needle` (a cluster directory), by binary name. */
export function processesMentioning(needle: string, except: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === except) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const binary = argv[0]!.split('/').pop()!;
    // A node process is named by its script (the cluster's reaper.ts).
    const name = binary === 'node' && argv[1] ? argv[1].split('/').pop()! : binary;
    if (argv.some((a) => a.includes(needle))) found.set(name, Number(entry));
  }
  return found;
}
