"""High-precision Student t tail probabilities and their normal quantiles, for Ari's t -> z tests.

Run from the repository root with Debian's python3 (python3-mpmath):
    /usr/bin/python3 tests/reference-scripts/student_t_values.py > tests/Ari.Tests/Statistics/student_t_values.tsv

For each degrees of freedom and t, with 60 significant digits:
  sf  = P(T > t)      = I_{nu/(nu+t^2)}(nu/2, 1/2) / 2 for t > 0 (regularized incomplete beta), 1 - that for t < 0
  cdf = P(T <= t)     = sf(-t)
  central = P(0 < T < |t|) = 1/2 - sf(|t|) (exact, so tiny t keeps all its digits)
  z   = the normal quantile of the same tail: z = -Phi^{-1}(sf) = Phi^{-1}(cdf)
        (computed from whichever tail is smaller, so it is exact even where that tail is 1e-4000)
Values are printed with 17 significant digits (the nearest double round-trips). A tail below the smallest
double prints as 0.
"""
import mpmath as mp

mp.mp.dps = 60
dofs = [1, 2, 5, 15, 100, 1000]
ts = [0.0, 1e-12, 1e-8, 1e-5, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.3, 1.645, 1.96, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0,
      6.0, 7.5, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 37.0, 40.0, 50.0, 60.0, 75.0, 100.0, 150.0, 200.0, 300.0,
      500.0, 700.0, 1000.0]
ts = sorted(set([-t for t in ts] + ts))


def upper_tail(t, nu):
    t = mp.mpf(t)
    nu = mp.mpf(nu)
    if t == 0:
        return mp.mpf(1) / 2
    x = nu / (nu + t * t)
    half = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
    return half if t > 0 else 1 - half


def normal_quantile_of_upper_tail(p):
    # z with P(Z > z) = p, solved on erfc to avoid any cancellation.
    if p == mp.mpf(1) / 2:
        return mp.mpf(0)
    if p < mp.mpf(1) / 2:
        return mp.sqrt(2) * mp.erfinv(1 - 2 * p) if p > mp.mpf("1e-10") else mp.findroot(lambda z: mp.log(mp.erfc(z / mp.sqrt(2)) / 2) - mp.log(p), mp.sqrt(-2 * mp.log(p)))
    return -normal_quantile_of_upper_tail(1 - p)


def fmt(v):
    return mp.nstr(v, 17, min_fixed=-4, max_fixed=4) if v != 0 else "0"


print("dof\tt\tsf\tcdf\tcentral\tz")
for nu in dofs:
    for t in ts:
        sf = upper_tail(t, nu)
        cdf = upper_tail(-t, nu)
        # z from the smaller tail, exactly
        z = normal_quantile_of_upper_tail(sf) if sf <= cdf else -normal_quantile_of_upper_tail(cdf)
        central = mp.mpf(1) / 2 - upper_tail(abs(t), nu)
        print(f"{nu}\t{t!r}\t{fmt(sf)}\t{fmt(cdf)}\t{fmt(central)}\t{fmt(z)}")
