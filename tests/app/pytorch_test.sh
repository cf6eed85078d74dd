#!/usr/bin/env bash
# `adviz pytorch` scripts run by PyTorch autograd give adviz's numbers to 1e-12: scalar programs
# with every operation, the theory's MLP with vectors and matrices, seeds as in vjp. Skipped,
# saying so, where no python3 has torch (CI need not install PyTorch; Debian's python3-torch does).
# Usage: pytorch_test.sh ADVIZ_EXE
set -u
exe=$1
here=$(cd "$(dirname "$0")" && pwd)
python=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c "import torch" 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "skipped: no python3 with torch (apt-get install python3-torch)"; exit 77; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
status=0
count=0
# check NAME PROGRAM ADVIZ-ARGS...: the script's JSON against adviz's for the same arguments.
check() {
    local name=$1 program=$2; shift 2
    local command=eval
    for a in "$@"; do [ "$a" = "--seed" ] && command=vjp; done
    "$exe" pytorch "$program" "$@" >"$d/script.py" || { echo "FAIL $name: adviz pytorch"; status=1; return; }
    "$exe" "$command" "$program" "$@" --json >"$d/adviz.json" 2>/dev/null || { echo "FAIL $name: adviz $command"; status=1; return; }
    if ! "$python" "$d/script.py" >"$d/torch.json" 2>"$d/torch.err"; then
        echo "FAIL $name: the script did not run"; head -5 "$d/torch.err"; status=1; return
    fi
    if ! "$python" "$here/pytorch/compare.py" "$d/torch.json" "$d/adviz.json"; then
        echo "FAIL $name: the numbers differ"; status=1; return
    fi
    count=$((count + 1))
}
check "the theory's example" '(x+y)*sin(x)' --at x=1,y=2
check "statements and constants" 'a = (x+y)*sin(x); b = a*y - 2/x + x^2 + 2^x - 3' --at x=1,y=2
check "every function" 'sqrt(x)*log1p(y) + tanh(x)/cosh(y) - sinh(x) + atan(y) + asin(x/3) + acos(y/5) + exp(-x) + sigmoid(x) + tan(x) + cos(y) + sin(x) + log(y)' --at x=1,y=2
check "PyTorch's conventions at kinks and ties" 'relu(x) + abs(y) + max(x, y) + min(x, 0) + sqrt(x*x)' --at x=0,y=0
check "powers" 'pow(x, y) + (-2)^y + x^-1 + y^0.5' --at x=1.5,y=2
check "several outputs" 'f = x*y; g = sin(x) + y' --at x=0.3,y=-0.7
check "a seed" 'f = x*y; g = sin(x) + y' --at x=0.3,y=-0.7 --seed f=2,g=-1
mlp=$(cat <<'PROGRAM'
x: [2]
W1: [3, 2]; b1: [3]
W2: [1, 3]; b2: [1]
y: [1]
z1 = W1 @ x + b1
h  = sigmoid(z1)
z2 = W2 @ h + b2
L  = sum((z2 - y)^2)
PROGRAM
)
check "the theory's MLP" "$mlp" --at 'x=[0.5,-1],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=[0.1,-0.2,0.3],W2=[[0.7,-0.8,0.9]],b2=[0.1],y=[0.25]'
check "softmax regression" 'x: [3]; W: [2, 3]; b: [2]; p = softmax(W @ x + b); L = -log(p[1]) + 0.1*sum(W^2)' --at 'x=[1,2,-1],W=[[0.1,-0.2,0.3],[0.4,0.5,-0.6]],b=[0.05,-0.05]'
check "shaped operations" 'A: [2, 3]; v: [3]; u: [2]; s = sum(A, 0); t = sum(A, 1); m = mean(A); d = dot(v, v); q = u @ A; r = T(A) @ u; k = logsumexp(v); w = A[1, 2] * A[0] + [1, 2, 3]; L = sum(s) + sum(t) + m + d + sum(q) + sum(r) + k + sum(w) + v[-1]' --at 'A=[[1,2,3],[4,5,6]],v=[0.1,0.2,0.3],u=[-1,0.5]'
check "a vector output" 'x: [2]; W: [2, 2]; y = tanh(W @ x)' --at 'x=[0.5,1],W=[[1,2],[3,4]]'
[ $status = 0 ] && echo "pytorch: $count programs agree to 1e-12 with $("$python" -c 'import torch; print("torch", torch.__version__)')"
exit $status
