/**
 * ldd over a NUL-separated list of files (read from stdin), its output concatenated: the shared
 * libraries each one loads, transitively. A file that is not a dynamic object is skipped; any
 * other ldd failure names the file and fails the RUN (pipefail), never hidden by `|| true`.
 * Libraries ldd cannot find ("not found") are left to the library audit, which names the package.
 */
export const LDD_EACH = `while IFS= read -r -d '' f; do \\
            if ! out="$(ldd "$f" 2>&1)"; then \\
                case "$out" in *"not a dynamic executable"*) continue ;; esac; \\
                echo "ldd $f failed: $out" >&2; exit 1; \\
            fi; \\
            printf '%s\\n' "$out"; \\
        done`;
