/** The .dockerignore written when a project has none: keeps secrets, caches and VCS out of the context. */
export const DEFAULT_DOCKERIGNORE = `# Written by slim-py. Everything listed here never reaches the build context,
# so it can neither bloat an image nor leak into one.
.git
.gitignore
.venv
venv
env
__pycache__
*.py[cod]
.env
.env.*
node_modules
.pytest_cache
.mypy_cache
.ruff_cache
.tox
.nox
.coverage
htmlcov
dist
build
*.egg-info
.idea
.vscode
Dockerfile*
.dockerignore
.slim-py
`;
