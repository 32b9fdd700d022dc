"""Expected outputs of SplitMix64 and xoshiro256** (seeded with SplitMix64) for the simulator's tests.

Written from the algorithms' published descriptions (https://prng.di.unimi.it/), independently of the C#.
Run: /usr/bin/python3 tests/reference-scripts/xoshiro_values.py
Output (pasted into tests/Ari.Tests/Datasets/Xoshiro256StarStarTests.cs):
splitmix64(seed 0): 0xE220A8397B1DCDAF
splitmix64(seed 0): 0x6E789E6AA1B965F4
splitmix64(seed 0): 0x06C45D188009454F
xoshiro256** seed 0: 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL, 0x6AA594F1262D2D2CUL
xoshiro256** seed 1: 0xB3F2AF6D0FC710C5UL, 0x853B559647364CEAUL, 0x92F89756082A4514UL, 0x642E1C7BC266A3A7UL
xoshiro256** seed 12345: 0xBE6A36374160D49BUL, 0x214AAA0637A688C6UL, 0xF69D16DE9954D388UL, 0x0C60048C4E96E033UL
"""
M = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro(seed, n):
    st = seed
    s = []
    for _ in range(4):
        st, v = splitmix64(st)
        s.append(v)
    out = []
    for _ in range(n):
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        out.append(result)
    return out


st = 0
for _ in range(3):
    st, v = splitmix64(st)
    print(f"splitmix64(seed 0): 0x{v:016X}")
for seed in (0, 1, 12345):
    print(f"xoshiro256** seed {seed}:", ", ".join(f"0x{v:016X}UL" for v in xoshiro(seed, 4)))
