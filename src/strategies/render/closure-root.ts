import type { Options } from '../types.js';
import { aptEnsure } from './apt.js';
import { LDD_EACH } from './ldd.js';
import { APP_UID } from './options.js';

export const CLOSURE_ROOT = '/closure';
const R = CLOSURE_ROOT;

/**
 * Stdlib parts no server imports: the test suite, IDLE, Tk and turtle, venv bootstrapping, 2to3,
 * pydoc's topics, the build configuration (Makefile, static-library folder), the base
 * interpreter's own site-packages (pip, setuptools: the venv does not see them) — and the
 * extension modules behind them or only used interactively (`_tkinter` links Tk and X11, readline
 * and curses link ncurses), removed BEFORE the library walk so their libraries are never copied.
 */
const STDLIB_DROP = [
  'test',
  'idlelib',
  'tkinter',
  'turtledemo',
  'turtle.py',
  'ensurepip',
  'lib2to3',
  'pydoc_data',
  'config-*',
  'site-packages',
];
const DYNLOAD_DROP = ['_tkinter', '_test', '_ctypes_test', '_xxtestfuzz', 'xxlimited', 'readline', '_curses'];

/**
 * Where the builder's interpreter lives, asked of the interpreter itself, never assumed: the
 * symlinks from the venv's python to the real binary (the venv's `home` among them), the stdlib,
 * lib-dynload, and libpython when it is shared (the official images: LIBDIR/INSTSONAME, found at
 * run time through the binary's $ORIGIN/../lib rpath; Debian's python3 links it statically).
 * Written as shell assignments for the lines after it; the values are the builder's own paths.
 */
const PATHS = `/opt/venv/bin/python -c 'import os, shlex, sys, sysconfig; \\
        v = sysconfig.get_config_var; \\
        walk = lambda p: [p] + walk(os.path.normpath(os.path.join(os.path.dirname(p), os.readlink(p)))) if os.path.islink(p) else [p]; \\
        lib = os.path.join(v("LIBDIR"), v("INSTSONAME")) if v("Py_ENABLE_SHARED") else ""; \\
        paths = {"exe": os.path.realpath(sys.executable), "links": " ".join(walk(sys.executable)[1:]), \\
                 "stdlib": sysconfig.get_paths()["stdlib"], "dynload": v("DESTSHARED"), "libpython": lib}; \\
        print("".join(k + "=" + shlex.quote(p) + chr(10) for k, p in paths.items()))' > /tmp/python-paths`;

/** Every shared library that what ships loads: the interpreter's and each .so's under the root. */
const LDD_WALK = `{ printf '%s\\0' "${R}$exe"; find ${R} -type f \\( -name '*.so' -o -name '*.so.*' \\) -print0; } \\
        | ${LDD_EACH} > /tmp/ldd-out`;

/**
 * glibc dlopens libgcc_s for thread cancellation, which ldd cannot see: the one ldconfig knows in
 * the directory libc came from (whatever the architecture calls it).
 */
const GCC_S = [
  `libc="$(awk '$1 == "libc.so.6" && $3 ~ /^\\// { print $3; exit }' /tmp/ldd-out)"`,
  `gcc_all="$(ldconfig -p | awk '$1 == "libgcc_s.so.1" { print $NF }')"`,
  `{ gcc_s=""; for g in $gcc_all; do \\
            if [ "$(readlink -f "$(dirname "$g")")" = "$(readlink -f "$(dirname "$libc")")" ]; then gcc_s="$g"; fi; \\
        done; }`,
  `{ [ -n "$gcc_s" ] || { echo "closure: ldconfig -p lists no libgcc_s.so.1 next to $libc" >&2; exit 1; }; }`,
];

/**
 * The runtime's whole filesystem, assembled in /closure in a glibc builder (the official full
 * image, or any image with a Debian-style Python at whatever path sysconfig reports). Each line
 * does one explainable thing, and each fails the build when it fails.
 */
export function closureRootCommands(options: Pick<Options, 'bytecode' | 'nonRoot' | 'trim'>): string[] {
  const { bytecode, nonRoot, trim } = options;
  const owned = nonRoot ? [`chown ${APP_UID}:${APP_UID} ${R}/home/app ${R}/app`] : [];
  // The official full image's interpreter is built with -g: its debug symbols are dead weight at
  // run time (the venv's .so files were stripped by the trim stage already).
  const strip = trim
    ? [`strip --strip-unneeded "${R}$exe" \${libpython:+"${R}$libpython"} "${R}$dynload"/*.so`]
    : [];
  return [
    // Already in the official full image (then apt is skipped); named so that another builder works too.
    aptEnsure(['binutils', 'ca-certificates', 'netbase', 'tzdata']),
    PATHS,
    '. /tmp/python-paths',
    `home="$(sed -n 's/^home = //p' /opt/venv/pyvenv.cfg)"`,
    `mkdir -p ${R}/tmp ${R}/etc ${R}/home/app ${R}/app`,
    `chmod 1777 ${R}/tmp`,
    // The interpreter keeps its builder path: pyvenv.cfg's home and the rpath still point to it.
    `cp -a --parents $links "$stdlib" $libpython /opt/venv ${R}/`,
    `test -d "${R}$home"`,
    // CA certificates, time zones, /etc/services and /etc/protocols (socket.getservbyname, netbase).
    `cp -a --parents /etc/ssl/certs/ca-certificates.crt /usr/share/zoneinfo /etc/services /etc/protocols /etc/ld.so.conf /etc/ld.so.conf.d ${R}/`,
    `rm -rf ${STDLIB_DROP.map((d) => `"${R}$stdlib"/${d}`).join(' ')}`,
    `rm -f ${DYNLOAD_DROP.map((d) => `"${R}$dynload"/${d}*`).join(' ')}`,
    // The stdlib's .pyc go unless every module is compiled: 'imports' compiles its own in the runtime.
    ...(bytecode !== 'all' ? [`find "${R}$stdlib" -type d -name __pycache__ -prune -exec rm -rf {} +`] : []),
    ...strip,
    LDD_WALK,
    `awk '$2 == "=>" && $3 ~ /^\\// { print $3 }' /tmp/ldd-out | grep -v '^${R}/' | sort -u > /tmp/closure-libs`,
    ...GCC_S,
    'echo "$gcc_s" >> /tmp/closure-libs',
    // `|| exit 1`: a loop's status is its last round's, so a failed copy must end the RUN itself.
    `while read -r lib; do { mkdir -p "${R}$(dirname "$lib")" && cp -L "$lib" "${R}$lib"; } || exit 1; done < /tmp/closure-libs`,
    // The loader by the path the interpreter's ELF header asks for (PT_INTERP), whatever the arch.
    `interp="$(readelf -l "$exe" | sed -n 's/.*interpreter: \\(.*\\)]/\\1/p')"`,
    `mkdir -p "${R}$(dirname "$interp")" && cp -L "$interp" "${R}$interp"`,
    // The loader's cache of exactly these libraries (no ldconfig in the runtime to make one).
    `ldconfig -X -r ${R}`,
    `printf 'root:x:0:0:root:/root:/sbin/nologin\\napp:x:${APP_UID}:${APP_UID}:app:/home/app:/sbin/nologin\\n' > ${R}/etc/passwd`,
    `printf 'root:x:0:\\napp:x:${APP_UID}:\\n' > ${R}/etc/group`,
    `printf 'passwd: files\\ngroup: files\\nhosts: files dns\\n' > ${R}/etc/nsswitch.conf`,
    ...owned,
    // cp --parents copies parents' modes too (a builder's /opt may be 0700): the user must traverse them.
    `find ${R} -type d -exec chmod go+rx {} +`,
  ];
}
