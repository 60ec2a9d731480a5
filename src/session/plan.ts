import { analyse } from '../analysis/analyse.js';
import { createIndexClient } from '../analysis/index-client.js';
import type { Arch, IndexClient, Verdict } from '../analysis/types.js';
import { formatSource, UserError } from '../errors.js';
import { scanProject } from '../project/scan.js';
import type { Project } from '../project/types.js';
import { DEFAULT_PREFER, type Prefer } from '../report/winner-rule.js';
import {
  defaultOptions,
  type ImageOverride,
  parseImageFlag,
  planCandidates,
  pythonLineNote,
  type Recommendation,
  recommend,
  resolveImages,
} from '../strategies/index.js';
import type { BytecodePolicy, Candidate, Options } from '../strategies/types.js';
import { chooseIndex, type IndexChoice } from './index-choice.js';
import { readSlimPySettings } from './pyproject-settings.js';
import type { ProjectChoices } from './types.js';

export interface PlanRequest {
  dir: string;
  python?: string;
  /** `--image ROLE=REF` flags, in order. */
  images: string[];
  indexUrl?: string;
  offline: boolean;
  env?: NodeJS.ProcessEnv;
  /** `--network`: shown in each Dockerfile's build command. */
  network?: string;
  /** The engine's builder, when connected: the classic one gets an index password as a build arg. */
  builder?: 'buildkit' | 'classic';
  /** Tweaks the answers before rendering (the wizard's edits). */
  adjust?: (options: Options) => Options;
  /** The engine's architecture when one is connected; else the analysis judges for this machine's. */
  arch?: Arch;
  /** The index client for a URL; a session shares one per URL, so plans for several Pythons fetch each page once. */
  indexClient?: (url: string) => IndexClient;
  /** Groups in or out, the requirements file. */
  project?: ProjectChoices;
  /** --prefer and --bytecode (they win over [tool.slim-py]). */
  prefer?: Prefer;
  bytecode?: BytecodePolicy;
}

/** What the wheel verdicts were judged for, and where the architecture came from. */
export interface PlanTarget {
  python: string;
  arch: Arch;
  /** 'engine': the connected engine's; 'host': this machine's (no engine was asked). */
  archFrom: 'engine' | 'host';
}

export interface PlanResult {
  project: Project;
  verdicts: Verdict[];
  /** What the analysis wants the user to know (offline, unreachable index...). */
  notes: string[];
  index: IndexChoice;
  target: PlanTarget;
  options: Options;
  candidates: Candidate[];
  recommended: Recommendation;
  /** How the race's winner is chosen, and where that came from ('--prefer', 'pyproject.toml:7', 'default'). */
  prefer: { value: Prefer; source: string };
}

export function hostArch(): Arch {
  return process.arch === 'arm64' ? 'aarch64' : 'x86_64';
}

/**
 * The engine's architecture as wheel tags name it. Docker reports `uname -m` (x86_64, aarch64),
 * Podman Go's names (amd64, arm64).
 */
export function engineArch(reported: string): Arch {
  if (reported === 'x86_64' || reported === 'amd64') return 'x86_64';
  if (reported === 'aarch64' || reported === 'arm64') return 'aarch64';
  throw new UserError(
    `the Docker engine runs on ${reported}: slim-py judges wheels for x86_64 and aarch64 only`,
    'point DOCKER_HOST at an x86_64 or aarch64 engine',
  );
}

/** scan → analyse → plan: everything that needs no Docker engine. Throws UserError on bad input. */
export async function planProject(req: PlanRequest): Promise<PlanResult> {
  const env = req.env ?? process.env;
  const flagImages = req.images.map((f) => parseImageFlag(f));
  const project = await scanProject(req.dir, {
    ...(req.python ? { python: req.python } : {}),
    ...req.project,
  });
  const settings = await readSlimPySettings(project.root);
  const index = chooseIndex(req.indexUrl, settings, project, env);
  const target: PlanTarget = {
    python: project.python.version,
    arch: req.arch ?? hostArch(),
    archFrom: req.arch ? 'engine' : 'host',
  };
  const { verdicts, notes } = await analyse(project, {
    target: { python: target.python, arch: target.arch },
    offline: req.offline,
    ...(req.offline ? {} : { index: (req.indexClient ?? createIndexClient)(index.url) }),
  });
  // pyproject first, flags last: later overrides win.
  const overrides: ImageOverride[] = [...settings.images, ...flagImages];
  const images = resolveImages(project.python.version, overrides);
  const lineNote = pythonLineNote(project.python.version, new Date());
  const fromCatalog = Object.values(images).some((i) => i.source === 'catalog');
  let options = defaultOptions(project, verdicts, images);
  if (index.passToBuilds) options = { ...options, indexUrl: index.url };
  const extras = settings.extraIndexUrls.map((u) => u.value);
  if (extras.length > 0) options = { ...options, extraIndexUrls: [...options.extraIndexUrls, ...extras] };
  const bytecode = req.bytecode ?? settings.bytecode?.value;
  if (bytecode) options = { ...options, bytecode };
  if (req.network) options = { ...options, network: req.network };
  if (req.builder) options = { ...options, builder: req.builder };
  if (req.adjust) options = req.adjust(options);
  const prefer = req.prefer
    ? { value: req.prefer, source: '--prefer' }
    : settings.prefer
      ? { value: settings.prefer.value, source: formatSource(settings.prefer.source) }
      : { value: DEFAULT_PREFER, source: 'default' };
  const allNotes = lineNote && fromCatalog ? [...notes, lineNote] : notes;
  return replan({ project, verdicts, notes: allNotes, index, target, options, prefer });
}

/** Renders the candidates again for changed answers (the wizard re-plans without re-scanning). */
export function replan(base: Omit<PlanResult, 'candidates' | 'recommended'>): PlanResult {
  // One input for both: the strategies' shared context is worked out for it once.
  const input = { project: base.project, verdicts: base.verdicts, options: base.options };
  const candidates = planCandidates(input);
  return { ...base, candidates, recommended: recommend(candidates, input) };
}
