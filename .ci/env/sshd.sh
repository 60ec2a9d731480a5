#!/usr/bin/env bash
# A private sshd on loopback for the e2e race over DOCKER_HOST=ssh:// (run by up.sh). Its host
# key, the client key, authorized_keys, config and log live in .ci/work/sshd; the client key is
# held by an ssh-agent whose socket is .ci/work/sshd/agent.sock (the key is never put in ~/.ssh).
# The one change outside .ci/work: the host key's line for [127.0.0.1]:PORT in ~/.ssh/known_hosts,
# as `ssh` itself would write it on a first connection (slim-py checks host keys there).
# Idempotent: keys are made once, sshd and the agent are started only when they do not answer.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -x /usr/sbin/sshd ] || die "sshd is not installed (up.sh installs Debian's openssh-server package)"
D="$WORK/sshd"
mkdir -p "$D"
chmod 700 "$D"

[ -s "$D/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C slim-py-test-host -f "$D/host_ed25519"
[ -s "$D/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C slim-py-test-client -f "$D/client_ed25519"
cp "$D/client_ed25519.pub" "$D/authorized_keys"

cat >"$D/sshd_config" <<CONF
# Written by slim-py's .ci/env/sshd.sh (test environment).
ListenAddress 127.0.0.1
Port $SSHD_PORT
HostKey $D/host_ed25519
PidFile $WORK/sshd.pid
AuthorizedKeysFile $D/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
# The clone CI runs in may sit in a group-writable folder: the paths above are ours.
StrictModes no
AllowTcpForwarding no
X11Forwarding no
CONF

# Outputs captured before grep -q: under pipefail a writer killed by SIGPIPE fails the pipe.
sshd_up() { local k; k=$(ssh-keyscan -p "$SSHD_PORT" -t ed25519 127.0.0.1 2>/dev/null) && grep -q ssh-ed25519 <<<"$k"; }
if pid_alive "$WORK/sshd.pid" && sshd_up; then log "   sshd already answering on 127.0.0.1:$SSHD_PORT"; else
  # Another checkout's sshd (or anything else) on the port would hold other keys.
  ! sshd_up || die "127.0.0.1:$SSHD_PORT already answers, but not with the sshd of $WORK (stop that one: its checkout's .ci/env/down.sh)"
  # Privilege separation needs this directory; Debian's service creates it, we run sshd ourselves.
  mkdir -p /run/sshd
  /usr/sbin/sshd -t -f "$D/sshd_config" || die "sshd rejects $D/sshd_config"
  /usr/sbin/sshd -f "$D/sshd_config" -E "$WORK/sshd.log"
  wait_until 20 sshd sshd_up ||
    { tail -20 "$WORK/sshd.log" >&2; die "sshd did not answer on 127.0.0.1:$SSHD_PORT (log: $WORK/sshd.log; is the port in use?)"; }
fi

export SSH_AUTH_SOCK="$D/agent.sock"
# ssh-add -l: 0 keys listed, 1 agent has no keys, 2 no agent.
rc=0; ssh-add -l >/dev/null 2>&1 || rc=$?
if [ $rc -eq 2 ]; then
  rm -f "$SSH_AUTH_SOCK"
  ssh-agent -a "$SSH_AUTH_SOCK" >"$WORK/ssh-agent.out"
  sed -n 's/.*SSH_AGENT_PID=\([0-9]*\).*/\1/p' "$WORK/ssh-agent.out" >"$WORK/ssh-agent.pid"
fi
grep -q slim-py-test-client <<<"$(ssh-add -l 2>/dev/null || true)" || ssh-add -q "$D/client_ed25519"

# The host key, as `ssh` records a first connection to a non-default port.
mkdir -p -m 700 "$HOME/.ssh"
known="$HOME/.ssh/known_hosts"
line="[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$D/host_ed25519.pub")"
if ! grep -qxF "$line" "$known" 2>/dev/null; then
  touch "$known"
  grep -vF "[127.0.0.1]:$SSHD_PORT " "$known" >"$known.tmp" || true
  echo "$line" >>"$known.tmp"
  chmod 600 "$known.tmp" && mv "$known.tmp" "$known"
  log "   recorded the test host key for [127.0.0.1]:$SSHD_PORT in $known"
fi

# What slim-py will do: reach the engine through `docker system dial-stdio` on the far side.
v=$(ssh -o BatchMode=yes -p "$SSHD_PORT" root@127.0.0.1 docker version --format '{{.Server.Version}}' 2>&1) ||
  die "ssh root@127.0.0.1:$SSHD_PORT cannot reach the engine: $v"
log "   ssh://root@127.0.0.1:$SSHD_PORT reaches Docker $v"
