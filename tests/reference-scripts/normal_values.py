"""High-precision standard normal values for Ari's Normal tests (mpmath, 60 digits).
Run from the repository root with Debian's python3 (python3-mpmath):
    /usr/bin/python3 tests/reference-scripts/normal_values.py > tests/Ari.Tests/Statistics/normal_values.json
cdf/sf at x in [-40, 40]; ppf/isf at p from 1e-320 to 0.5 (isf(p) = -ppf(p) exactly).
"""
import json, sys
import mpmath as mp
mp.mp.dps = 60
xs = sorted(set([i / 8 for i in range(-320, 321)] + [0.66291, 0.6629, 5.6568, 5.6569, 37.5, 38.4, 38.5, 39.0, 1e-9, -1e-9, 0.1234567, 7.77]))
rows = []
for x in xs:
    X = mp.mpf(x)
    sf = mp.erfc(X / mp.sqrt(2)) / 2
    cdf = mp.erfc(-X / mp.sqrt(2)) / 2
    rows.append({"x": x, "cdf": mp.nstr(cdf, 25), "sf": mp.nstr(sf, 25)})
ps = []
for e in range(1, 321):
    for m in (1.0, 2.5, 7.0):
        p = m * 10.0 ** (-e)
        if p > 0 and p < 0.5:
            ps.append(p)
ps += [0.5, 0.3, 0.1, 0.075, 0.0749, 0.08, 0.2, 0.45]
quantiles = []
for p in sorted(set(ps)):
    P = mp.mpf(p)
    # isf(p) = sqrt(2) * erfcinv(2p); mpmath: erfinv(1 - 2p) loses nothing at 60 digits for p >= 1e-60,
    # below that solve erfc(z / sqrt 2) / 2 = p by Newton from the asymptotic start.
    if p > 1e-50:
        z = mp.sqrt(2) * mp.erfinv(1 - 2 * P)
    else:
        z = mp.sqrt(-2 * mp.log(P))
        for _ in range(100):
            f = mp.erfc(z / mp.sqrt(2)) / 2 - P
            z = z + f / (mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi))
    quantiles.append({"p": p, "isf": mp.nstr(z, 25)})
json.dump({"tails": rows, "quantiles": quantiles}, sys.stdout, indent=0)
