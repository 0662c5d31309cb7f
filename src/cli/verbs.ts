// Flux's CLI is verb-first (`create source git`, `get kustomizations`): several command groups add
// subcommands under the same verb, so verbs are found-or-created instead of declared once per group.
import type { Command } from 'commander';

/** The subcommand `name` of `parent`, created with `description` if it does not exist yet. */
export function subcommand(parent: Command, name: string, description: string, aliases: string[] = []): Command {
  const existing = parent.commands.find((c) => c.name() === name);
  if (existing) return existing;
  const created = parent.command(name).description(description);
  for (const alias of aliases) created.alias(alias);
  return created;
}
