"""High-precision F distribution tails, for Ari's F-contrast tests.

Run from the repository root with Debian's python3 (python3-mpmath):
    /usr/bin/python3 tests/reference-scripts/fisher_f_values.py > tests/Ari.Tests/Statistics/fisher_f_values.tsv

sf = P(F > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2), cdf = P(F <= f) = I_{d1 f/(d2 + d1 f)}(d1/2, d2/2)
(regularized incomplete beta at 60 significant digits), printed with 17 significant digits.
"""
import mpmath as mp

mp.mp.dps = 60


def tails(f, d1, d2):
    f, d1, d2 = mp.mpf(f), mp.mpf(d1), mp.mpf(d2)
    sf = mp.betainc(d2 / 2, d1 / 2, 0, d2 / (d2 + d1 * f), regularized=True)
    cdf = mp.betainc(d1 / 2, d2 / 2, 0, d1 * f / (d2 + d1 * f), regularized=True)
    return sf, cdf


def fmt(v):
    return mp.nstr(v, 17, min_fixed=-4, max_fixed=4) if v != 0 else "0"


print("d1\td2\tf\tsf\tcdf")
for d1 in [1, 2, 3, 5]:
    for d2 in [1, 2, 5, 14, 100, 1000]:
        for f in [1e-10, 1e-4, 0.01, 0.1, 0.5, 1.0, 2.0, 3.5, 5.0, 10.0, 30.0, 100.0, 1e3, 1e5, 1e8]:
            sf, cdf = tails(f, d1, d2)
            print(f"{d1}\t{d2}\t{f!r}\t{fmt(sf)}\t{fmt(cdf)}")
