"""Compares the JSON a PyTorch script printed with adviz's own (eval or vjp --json).

Usage: compare.py TORCH.json ADVIZ.json
Every number adviz printed must be within 1e-12 (relative, absolute below 1) of PyTorch's;
"nan", "inf" and "-inf" must match exactly. Exits 1 with the first differences otherwise."""
import json
import sys

torch_json, adviz_json = (json.load(open(p)) for p in sys.argv[1:3])
problems = []


def compare(t, a, path):
    if isinstance(a, dict):
        if not isinstance(t, dict) or set(t) != set(a):
            problems.append(f"{path}: keys {sorted(t) if isinstance(t, dict) else t} vs {sorted(a)}")
            return
        for k in a:
            compare(t[k], a[k], f"{path}/{k}")
    elif isinstance(a, list):
        if not isinstance(t, list) or len(t) != len(a):
            problems.append(f"{path}: {t} vs {a}")
            return
        for i, (u, v) in enumerate(zip(t, a)):
            compare(u, v, f"{path}[{i}]")
    elif isinstance(a, str) or isinstance(t, str):  # "nan", "inf", "-inf"
        if a != t:
            problems.append(f"{path}: torch {t!r}, adviz {a!r}")
    elif abs(t - a) > 1e-12 * max(1.0, abs(a)):
        problems.append(f"{path}: torch {t!r}, adviz {a!r}")


keys = [k for k in ("inputs", "outputs", "gradient", "seed", "cotangent") if k in adviz_json]
for k in keys:
    compare(torch_json.get(k), adviz_json[k], k)
if problems:
    print("\n".join(problems[:20]))
    sys.exit(1)
