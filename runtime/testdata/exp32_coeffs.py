#!/usr/bin/python3
# The coefficients of exp32.go's polynomial: e^r - 1 ~ r + r^2*(c2 + c3 r + c4 r^2
# + c5 r^3 + c6 r^4) on |r| <= 1.0005*ln2/2 (the reduction's range with a margin
# for k's rounding), minimizing the largest absolute error (that of e^r = 1 + p)
# by linear programming on 4001 Chebyshev points (a discrete minimax fit), then
# rounded to float32. Prints the Go constants and the error of the rounded
# polynomial (exact arithmetic, mpmath, 20001 points): 2^-27.7.
# Run: /usr/bin/python3 runtime/testdata/exp32_coeffs.py (numpy, scipy, mpmath).
import mpmath as mp
import numpy as np
from scipy.optimize import linprog

mp.mp.dps = 40
a = 0.5 * np.log(2) * 1.0005
r = np.cos(np.linspace(0, np.pi, 4001)) * a
f = np.array([float(mp.expm1(mp.mpf(x)) - x) for x in r])  # r^2 Q(r)
n = 5  # c2..c6
A = np.stack([r ** (j + 2) for j in range(n)], axis=1)
S = 1e7  # scaled, so that the solver's tolerances are far below the error
obj = np.zeros(n + 1)
obj[-1] = 1
Aub = np.vstack([np.hstack([A * S, -np.ones((len(r), 1))]), np.hstack([-A * S, -np.ones((len(r), 1))])])
res = linprog(obj, A_ub=Aub, b_ub=np.concatenate([f * S, -f * S]), bounds=[(None, None)] * (n + 1), method="highs")
c = np.float32(res.x[:n])
for j, v in enumerate(c):
    m, e = float(v).hex().split("p")
    print("e%df32 float32 = %sp%s" % (j + 2, m.rstrip("0").rstrip("."), e))
xs = np.linspace(-a, a, 20001)
err = max(abs(float(mp.expm1(mp.mpf(x)) - (x + sum(mp.mpf(float(v)) * mp.mpf(x) ** (j + 2) for j, v in enumerate(c))))) for x in xs)
print("largest error of the float32 polynomial: %.3g = 2^%.1f" % (err, np.log2(err)))
