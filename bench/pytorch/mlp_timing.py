"""PyTorch (CPU, float64) on the network of bench/shaped_bench.cpp, with adviz's own values.

Usage: mlp_timing.py ADVIZ.json REPEATS
ADVIZ.json is `adviz eval --json` of that program (its inputs, loss and gradient). The network is
built from those inputs, the loss and gradient are checked against adviz's (1e-12) before
anything is timed, then evaluation and gradient are timed REPEATS times each; prints the medians
in milliseconds as JSON."""
import json
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)  # adviz's sweeps use one core; so does this

adviz = json.load(open(sys.argv[1]))
repeats = int(sys.argv[2])
inputs = {k: torch.tensor(v, dtype=torch.float64, requires_grad=(k != "t")) for k, v in adviz["inputs"].items()}
x, W1, b1, W2, b2, t = (inputs[k] for k in ("x", "W1", "b1", "W2", "b2", "t"))
params = [x, W1, b1, W2, b2]


def loss():
    h = torch.relu(W1 @ x + b1)
    z = W2 @ h + b2
    return torch.logsumexp(z, dim=-1) - torch.dot(t, z)


# The same numbers first: a benchmark of something else would mean nothing.
L = loss()
grads = torch.autograd.grad(L, params)
expected = adviz["outputs"]["L"]
assert abs(L.item() - expected) <= 1e-12 * max(1.0, abs(expected)), (L.item(), expected)
worst = 0.0
for name, g in zip(("x", "W1", "b1", "W2", "b2"), grads):
    ref = torch.tensor(adviz["gradient"]["L"][name])
    worst = max(worst, (g - ref).abs().max().item() / max(1.0, ref.abs().max().item()))
assert worst <= 1e-12, worst


def median_ms(f):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


with torch.no_grad():
    evaluation = median_ms(loss)
gradient = median_ms(lambda: torch.autograd.grad(loss(), params))
print(json.dumps({"torch": torch.__version__, "evaluate_ms": evaluation, "gradient_ms": gradient,
                  "largest_gradient_difference": worst}))
