// source-controller's storage flags for `tsflux controllers` (--storage-path, --storage-addr,
// --storage-adv-addr, --artifact-retention-ttl, --artifact-retention-records), with upstream's defaults
// except the path: upstream falls back to ./bin, we to a directory under the system temp folder.
// The source bundle reads them back with storageFlagsFrom().
import { InvalidArgumentError, Option, type Command } from 'commander';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGoDuration } from '../../runtime/duration.ts';

export function addSourceStorageOptions(command: Command): Command {
  return command
    .option('--storage-path <path>', 'where source-controller stores artifacts', join(tmpdir(), 'tsflux-source-storage'))
    .option('--storage-addr <addr>', 'address the artifact file server binds to', ':9090')
    .option('--storage-adv-addr <host[:port]>', 'address advertised in status.artifact.url (default: the listen host, or this host name)', '')
    .addOption(
      new Option('--artifact-retention-ttl <duration>', 'how long artifacts of previous reconciliations are kept')
        .argParser((v: string) => {
          try {
            return parseGoDuration(v);
          } catch {
            throw new InvalidArgumentError(`--artifact-retention-ttl wants a Go duration such as 60s, got "${v}"`);
          }
        })
        .default(60_000, '1m0s'),
    )
    .option('--artifact-retention-records <n>', 'artifacts kept per object, the current one included', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--artifact-retention-records wants a positive integer, got "${v}"`);
      return n;
    }, 2);
}
