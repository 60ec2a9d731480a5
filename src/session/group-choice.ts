import type { DependencyGroup } from '../project/types.js';
import type { ProjectChoices } from './types.js';

const NONE: ProjectChoices = { groups: [], noGroups: [] };
const without = (names: string[], name: string) => names.filter((n) => n !== name);

/**
 * The choice with one group flipped, as the wizard's Space does: installed ↔ left out. Flipping it
 * back restores what the flags said of it, so the choice is the flags' own again and its plan is reused.
 */
export function toggleGroup(
  current: ProjectChoices | undefined,
  flags: ProjectChoices | undefined,
  group: Pick<DependencyGroup, 'name' | 'included'>,
): ProjectChoices {
  const now = current ?? flags ?? NONE;
  const { name } = group;
  const toggled = now.toggled ?? [];
  const groups = without(now.groups, name);
  const noGroups = without(now.noGroups, name);
  if (toggled.includes(name)) {
    const from = flags ?? NONE;
    return {
      ...now,
      groups: from.groups.includes(name) ? [...groups, name] : groups,
      noGroups: from.noGroups.includes(name) ? [...noGroups, name] : noGroups,
      toggled: without(toggled, name),
    };
  }
  return {
    ...now,
    groups: group.included ? groups : [...groups, name],
    noGroups: group.included ? [...noGroups, name] : noGroups,
    toggled: [...toggled, name],
  };
}

/** The same choice gives the same key whatever the order it was made in (the session's plan cache). */
export function choiceKey(choice: ProjectChoices | undefined): string {
  const c = choice ?? NONE;
  const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();
  return JSON.stringify([sorted(c.groups), sorted(c.noGroups), sorted(c.toggled), c.requirements ?? '']);
}
