"""Assemble a distroless-like root filesystem in OUT from the packages installed here.

Like gcr.io/distroless: the files of python3 and its shared-library dependencies (closure of
Depends/Pre-Depends), CA certificates, tzdata, /etc/passwd with root and nonroot (65532),
but none of the shell, coreutils, dpkg/apt or perl that the Debian packages pull in.
Run inside a Debian 12 stage: python3 distroless-rootfs.py /out
"""

import os
import re
import shutil
import subprocess
import sys

ROOTS = ["python3", "libpython3.11-stdlib", "ca-certificates", "tzdata", "libssl3",
         "netbase", "base-files", "libc6"]
# Dependencies that only serve maintainer scripts or interactive use.
EXCLUDE = {"dpkg", "debconf", "perl-base", "bash", "dash", "coreutils", "openssl",
           "debianutils", "sensible-utils", "base-passwd", "libc-bin", "tar", "grep",
           "sed", "findutils", "gzip", "util-linux", "mawk", "login", "passwd"}
SKIP_PREFIXES = ("/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
                 "/usr/share/lintian/", "/usr/share/locale/", "/usr/share/bug/")


def query(fmt: str, pkg: str) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f", fmt, pkg], capture_output=True,
                          text=True).stdout


def installed(pkg: str) -> bool:
    return query("${Status}", pkg).endswith("install ok installed")


def closure() -> set[str]:
    seen: set[str] = set()
    todo = list(ROOTS)
    while todo:
        pkg = todo.pop()
        if pkg in seen or pkg in EXCLUDE:
            continue
        seen.add(pkg)
        deps = query("${Depends}, ${Pre-Depends}", pkg)
        for group in filter(None, (g.strip() for g in deps.split(","))):
            names = [re.split(r"[\s:(]", alt.strip())[0] for alt in group.split("|")]
            # First alternative that is installed; virtual ones are skipped.
            todo.extend([n for n in names if installed(n)][:1])
    return seen


def copy_path(src: str, out: str) -> None:
    dst = out + src
    if os.path.islink(src):
        if not os.path.lexists(dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.symlink(os.readlink(src), dst)
    elif os.path.isdir(src):
        os.makedirs(dst, exist_ok=True)
        shutil.copystat(src, dst)
    elif os.path.exists(src):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)


def copy_tree(top: str, out: str) -> None:
    for parent, dirs, files in os.walk(top):
        for name in dirs + files:
            copy_path(os.path.join(parent, name), out)


def write(out: str, path: str, text: str, mode: int = 0o644) -> None:
    with open(out + path, "w") as f:
        f.write(text)
    os.chmod(out + path, mode)


def main(out: str) -> None:
    os.makedirs(out + "/usr", exist_ok=True)
    for link in ("bin", "sbin", "lib", "lib64"):  # merged /usr, as in Debian 12
        if os.path.islink("/" + link):
            target = os.readlink("/" + link)
            os.makedirs(os.path.join(out, target.lstrip("/")), exist_ok=True)
            os.symlink(target, f"{out}/{link}")
    pkgs = sorted(closure())
    for pkg in pkgs:
        for path in query("${db-fsys:Files}", pkg).split("\n"):
            path = path.strip()
            if path.startswith("/") and not path.startswith(SKIP_PREFIXES):
                copy_path(path, out)
    # Files made by maintainer scripts: certificate bundle, byte-compiled stdlib, timezone.
    for tree in ("/etc/ssl/certs", "/usr/lib/python3.11", "/etc/ld.so.conf.d"):
        copy_tree(tree, out)
    for path in ("/etc/localtime", "/etc/timezone", "/etc/ld.so.conf"):
        copy_path(path, out)
    write(out, "/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
          "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
          "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
    write(out, "/etc/group", "root:x:0:\ntty:x:5:\nstaff:x:50:\nnogroup:x:65534:\n"
          "nonroot:x:65532:\n")
    write(out, "/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n")
    for path, mode, uid in (("/tmp", 0o1777, 0), ("/root", 0o700, 0),
                            ("/home/nonroot", 0o700, 65532)):
        os.makedirs(out + path, exist_ok=True)
        os.chmod(out + path, mode)
        os.chown(out + path, uid, uid)
    subprocess.run(["ldconfig", "-r", out], check=True)
    for banned in ("/usr/bin/sh", "/usr/bin/bash", "/usr/bin/dash", "/usr/bin/dpkg",
                   "/usr/bin/apt-get"):
        if os.path.lexists(out + banned):
            sys.exit(f"distroless rootfs unexpectedly contains {banned}")
    print(f"distroless rootfs: {len(pkgs)} packages: {' '.join(pkgs)}")


if __name__ == "__main__":
    main(sys.argv[1])
