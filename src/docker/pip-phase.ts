import type { PipPhase } from './engine.js';

/** Recognises pip's progress lines in build output (pip 22-25 wording). */
export function pipPhase(line: string): { phase: PipPhase; detail: string } | undefined {
  const s = line.trim();
  // dpkg says "Processing triggers for libc-bin ..." in apt steps: not pip.
  if (/^Processing triggers for /.test(s)) return undefined;
  let m = /^(?:Collecting|Processing) (.+)$/.exec(s);
  if (m?.[1]) return { phase: 'collecting', detail: m[1].replace(/\s*\(from .*$/, '') };
  m = /^Downloading (\S+)(.*)$/.exec(s);
  if (m?.[1]) return { phase: 'downloading', detail: `${m[1].replace(/^.*\//, '')}${m[2] ?? ''}`.trim() };
  m = /^Building wheels? for (?:collected packages: )?(.+?)(?: \(.*)?$/.exec(s);
  if (m?.[1]) return { phase: 'building-wheel', detail: m[1] };
  m = /^Installing collected packages: (.+)$/.exec(s);
  if (m?.[1]) return { phase: 'installing', detail: m[1] };
  return undefined;
}
