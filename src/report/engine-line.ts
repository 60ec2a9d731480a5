/** How the engine is named wherever it is shown: "podman 4.3.1, classic" ("docker" when not known). */
export function engineLine(e: { kind?: string; serverVersion?: string; builder: string }): string {
  const who = [e.kind ?? 'docker', e.serverVersion].filter(Boolean).join(' ');
  return `${who}, ${e.builder}`;
}
