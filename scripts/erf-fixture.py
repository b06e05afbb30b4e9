"""Regenerates test/fixtures/erf-correctly-rounded.json: erf(x) correctly rounded to f64 by mpmath
at 200 bits, over the series range, the continued-fraction range and saturation. Development aid
only: the tests read the JSON and do not need Python."""
import json
import random

import mpmath

mpmath.mp.prec = 200
rng = random.Random(20261123)
xs = [rng.uniform(-7, 7) for _ in range(3000)]
xs += [rng.uniform(1.3, 1.7) * rng.choice([-1, 1]) for _ in range(500)]  # around the method switch
xs += [10 ** rng.uniform(-300, 0.8) * rng.choice([-1, 1]) for _ in range(1500)]
pairs = [[x, float(mpmath.erf(mpmath.mpf(x)))] for x in xs]
with open("test/fixtures/erf-correctly-rounded.json", "w") as f:
    json.dump({"source": "mpmath.erf at 200 bits, rounded to nearest f64", "pairs": pairs}, f)
