import { EXIT } from '../exit-codes.js';
import { STARTUP_RULE } from '../report/winner-rule.js';

export const HELP = `slim-py — find the smallest Docker image that still runs your Python project, and learn why.

Usage
  slim-py [DIR]                 the wizard (needs a terminal)
  slim-py plan [DIR]            read the project, judge native builds, render every strategy (no Docker)
  slim-py race [DIR] --yes      build every candidate on Docker, smoke-test, rank, write the winner
  slim-py clean                 remove images and containers left by an interrupted run
  slim-py help | --version

Options
  --python X.Y            target Python version (default: from the project, else 3.13)
  --image ROLE=REF        base image for a role (full, slim, alpine, distroless, debian); repeatable;
                          REF may contain {python}, e.g. --image slim=registry.local/python:{python}-slim
  --index-url URL         package index (PEP 503/691) for the analysis and, as PIP_INDEX_URL, for builds
  --offline               do not ask any index; judge from the built-in table
  --json                  one JSON object on stdout (plan, race); progress goes to stderr
  --strategies a,b        race only these strategies
  --network MODE          network mode for builds (e.g. host); smoke tests always run without network
  --concurrency N         candidates built at once (default 2)
  --timeout SECONDS       per-candidate build timeout (default 1200)
  --no-cache              build without the builder cache (a cold race)
  --prefer RULE           how the winner is chosen: balanced (default: the smallest that starts
                          ${STARTUP_RULE}), size (the smallest),
                          startup (the fastest to start)
  --bytecode POLICY       imports (default: .pyc for what start-up imports), none (smallest, slowest
                          start), all (every module compiled)
  --keep                  keep the images and containers the race made
  --yes, -y               race without asking (headless)
  --write                 write the winning Dockerfile, .dockerignore and reports into DIR
  --out PATH              where to write the Dockerfile (default DIR/Dockerfile; an existing one is backed up)
  --group NAME            install this dependency group or extra too (repeatable; the plan lists them)
  --no-group NAME         leave this group or extra out, whatever its name says (repeatable)
  --requirements FILE     the requirements file to install (default: requirements.txt, or a production one)

Exit codes: ${EXIT.ok} success, ${EXIT.noWinner} no candidate passed (the wizard: left without writing),
  ${EXIT.badInput} bad input (the message says where and what to try), ${EXIT.bug} a bug of ours (the message says
  how to report it), ${EXIT.cancelled} stopped by you (Ctrl-C, q, a no).
`;
