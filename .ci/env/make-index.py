"""Write a PEP 503 "simple" index for the distribution files in INDEX/files.

INDEX/simple/index.html lists the projects; INDEX/simple/<name>/index.html links each file
as ../../files/<file>#sha256=<digest>. Usage: python3 make-index.py INDEX
"""

import hashlib
import html
import os
import re
import sys


def project_of(filename: str) -> str:
    if filename.endswith(".whl"):
        name = filename.split("-")[0]
    elif filename.endswith((".tar.gz", ".zip")):
        name = filename.rsplit("-", 1)[0]
    else:
        return ""
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503 normalisation


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def page(title: str, links: list[tuple[str, str]]) -> str:
    body = "\n".join(f'<a href="{html.escape(h)}">{html.escape(t)}</a><br>' for h, t in links)
    return (f"<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" "
            f"content=\"1.0\"><title>{title}</title></head>\n<body>\n{body}\n</body></html>\n")


def main(index: str) -> None:
    files_dir = os.path.join(index, "files")
    projects: dict[str, list[str]] = {}
    for filename in sorted(os.listdir(files_dir)):
        name = project_of(filename)
        if name:
            projects.setdefault(name, []).append(filename)
    simple = os.path.join(index, "simple")
    for name, files in projects.items():
        os.makedirs(os.path.join(simple, name), exist_ok=True)
        links = [(f"../../files/{f}#sha256={sha256(os.path.join(files_dir, f))}", f)
                 for f in files]
        with open(os.path.join(simple, name, "index.html"), "w") as out:
            out.write(page(f"Links for {name}", links))
    with open(os.path.join(simple, "index.html"), "w") as out:
        out.write(page("Simple index", [(f"{n}/", n) for n in sorted(projects)]))
    print(f"{len(projects)} projects, {sum(map(len, projects.values()))} files")


if __name__ == "__main__":
    main(sys.argv[1])
