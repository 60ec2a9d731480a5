"""Assemble a distroless-like root filesystem in OUT from Debian packages installed here.

Like gcr.io/distroless/python3-debian13: the files of an explicit package list (distroless's
static, base, cc and python3 lists for Debian 13, no dependency closure), as the .debs ship them
(no maintainer-script output, so no byte-compiled stdlib), the CA bundle, an ld.so.cache,
/usr/bin/python and python3 linked to python3.X, /etc/passwd with root and nonroot (65532).
No shell, no coreutils, no dpkg/apt. Run inside a Debian 13 stage: python3.13 THIS OUT 3.13
"""

import os
import shutil
import subprocess
import sys

STATIC = ["base-files", "netbase", "tzdata", "tzdata-legacy", "media-types"]
BASE = ["libc6", "libssl3t64", "libzstd1", "zlib1g"]
CC = ["libgomp1", "libstdc++6", "libgcc-s1", "gcc-14-base"]
PYTHON_LIBS = ["libbz2-1.0", "libdb5.3t64", "libexpat1", "liblzma5", "libsqlite3-0", "libuuid1",
               "libncursesw6", "libtinfo6", "libcom-err2", "libcrypt1", "libc-bin",
               "libgssapi-krb5-2", "libk5crypto3", "libkeyutils1", "libkrb5-3", "libkrb5support0",
               "libnsl2", "libreadline8t64", "libtirpc3t64", "libffi8"]
SKIP_PREFIXES = ("/usr/share/doc/", "/usr/share/man/", "/usr/share/info/",
                 "/usr/share/lintian/", "/usr/share/locale/", "/usr/share/bug/")


def packages(version: str) -> list[str]:
    return STATIC + BASE + CC + PYTHON_LIBS + [
        f"libpython{version}-minimal", f"libpython{version}-stdlib",
        f"python{version}-minimal", f"python{version}-venv"]


def install_missing(pkgs: list[str]) -> None:
    """The stage installed python3.X; the rest of distroless's list is installed here (one list)."""
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\\n", *pkgs],
                            capture_output=True, text=True).stdout
    have = {line.split()[0] for line in status.splitlines() if line.endswith(" installed")}
    missing = [p for p in pkgs if p not in have]
    if missing:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *missing], check=True)


def files_of(pkg: str) -> list[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f", "${db-fsys:Files}", pkg],
                         capture_output=True, text=True, check=True).stdout
    return [p.strip() for p in out.split("\n") if p.strip().startswith("/")]


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


def write(out: str, path: str, text: str, mode: int = 0o644) -> None:
    with open(out + path, "w") as f:
        f.write(text)
    os.chmod(out + path, mode)


def main(out: str, version: str) -> None:
    os.makedirs(out + "/usr", exist_ok=True)
    for link in ("bin", "sbin", "lib", "lib64"):  # merged /usr, as in Debian 13
        if os.path.islink("/" + link):
            target = os.readlink("/" + link)
            os.makedirs(os.path.join(out, target.lstrip("/")), exist_ok=True)
            os.symlink(target, f"{out}/{link}")
    pkgs = packages(version)
    install_missing(pkgs)
    for pkg in pkgs:
        for path in files_of(pkg):
            if not path.startswith(SKIP_PREFIXES):
                copy_path(path, out)
    # Made by ca-certificates' maintainer script; distroless generates the same bundle.
    os.makedirs(out + "/etc/ssl/certs", exist_ok=True)
    shutil.copy2("/etc/ssl/certs/ca-certificates.crt", out + "/etc/ssl/certs/")
    for name in ("python", "python3"):
        os.symlink(f"/usr/bin/python{version}", f"{out}/usr/bin/{name}")
    write(out, "/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
          "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
          "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
    write(out, "/etc/group", "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\n"
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
    main(sys.argv[1], sys.argv[2])
