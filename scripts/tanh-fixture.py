"""Regenerates test/fixtures/tanh-correctly-rounded.json: tanh(x) correctly rounded to f64 by
mpmath at 200 bits, for x spread over every regime of the kernel (tiny, reduction boundaries,
near saturation). Development aid only: the tests read the JSON and do not need Python."""
import json
import random

import mpmath

mpmath.mp.prec = 200
rng = random.Random(20261123)
xs = [rng.uniform(-25, 25) for _ in range(3000)]
xs += [rng.uniform(-1e-3, 1e-3) for _ in range(500)]
xs += [10 ** rng.uniform(-300, 1.4) * rng.choice([-1, 1]) for _ in range(1500)]
xs += [rng.uniform(2.5, 9.5) for _ in range(1000)]  # where tanh is just below 1
pairs = [[x, float(mpmath.tanh(mpmath.mpf(x)))] for x in xs]
with open("test/fixtures/tanh-correctly-rounded.json", "w") as f:
    json.dump({"source": "mpmath.tanh at 200 bits, rounded to nearest f64", "pairs": pairs}, f)
