#!/usr/bin/env bash
# Nothing is lost: the window autosaves what is typed; after kill -9 the next start offers to
# restore it, and a clean exit leaves nothing to restore.
# Usage: recovery_test.sh ADVIZ_EXE
set -u
exe=$1
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home/run QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
autosave=$XDG_DATA_HOME/adviz/adviz/autosave.adviz   # AppDataLocation: organisation/application

# 1. Type a program, let the autosave happen, then kill -9.
"$exe" gui "(x+y)*sin(x)" --at x=1,y=2 --type "x^3 + y" 2>/dev/null &
pid=$!
for _ in $(seq 1 100); do [ -f "$autosave" ] && break; sleep 0.1; done
sleep 0.3
kill -9 "$pid"; wait "$pid" 2>/dev/null
[ -f "$autosave" ] || { echo "FAIL: no autosave was written before the kill"; exit 1; }
grep -q 'x^3 + y' "$autosave" || { echo "FAIL: the autosave does not hold the typed program"; cat "$autosave"; exit 1; }

# 2. The next start offers it back.
msg=$("$exe" gui --screenshot "$home/shot.png" 2>&1 >/dev/null)
echo "$msg" | grep -q "offers to restore" || { echo "FAIL: no recovery offered after kill -9: $msg"; exit 1; }

# 3. A clean exit removes it: nothing is offered after that.
[ -f "$autosave" ] && { echo "FAIL: the autosave survived a clean exit"; exit 1; }
msg=$("$exe" gui --screenshot "$home/shot2.png" 2>&1 >/dev/null)
echo "$msg" | grep -q "offers to restore" && { echo "FAIL: recovery offered after a clean exit"; exit 1; }
echo "recovery after kill -9: ok"
