#!/usr/bin/env python3
# Run once to produce the known answers pasted into shamir_test.cpp and derive_test.cpp. It is
# an independent computation: GF(2^8) the way libgfshare does it (log/exp tables of generator 2
# under 0x11d, as in its gfshare_maketable.c), not keyrite's masked shift-and-add, and HKDF from
# Python's hmac module (RFC 5869: an absent salt is 32 zero bytes), not OpenSSL.
import hashlib
import hmac

exps, logs, x = [0] * 255, [0] * 256, 1
for i in range(255):
    exps[i], logs[x] = x, i
    x <<= 1
    if x & 0x100:
        x ^= 0x11D


def mul(a, b):
    return 0 if a == 0 or b == 0 else exps[(logs[a] + logs[b]) % 255]


def inv(a):
    return exps[(255 - logs[a]) % 255]


print("mul(53,ca)=%02x mul(02,80)=%02x mul(ff,ff)=%02x inv(02)=%02x inv(53)=%02x"
      % (mul(0x53, 0xCA), mul(2, 0x80), mul(0xFF, 0xFF), inv(2), inv(0x53)))

secret = b"keyrite KAT"
c1 = bytes(range(0x10, 0x10 + len(secret)))
c2 = bytes((0xA5 ^ i) & 0xFF for i in range(len(secret)))
print("c1", c1.hex(), "c2", c2.hex())
for xi in range(1, 6):
    share = []
    for p in range(len(secret)):
        y = 0
        for c in (c2[p], c1[p], secret[p]):  # Horner: ((c2 x + c1) x + secret)
            y = mul(y, xi) ^ c
        share.append(y)
    print("share", xi, bytes(share).hex())


def hkdf(key, info, length):
    prk = hmac.new(b"\0" * 32, key, hashlib.sha256).digest()
    t, out, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


s = bytes(range(32))
print("user pin", hkdf(s, b"keyrite user pin", 16).hex())
print("so pin", hkdf(s, b"keyrite so pin", 16).hex())
print("backup kek", hkdf(s, b"keyrite backup kek", 32).hex())
print("secret-check", hashlib.sha256(hkdf(s, b"keyrite secret check", 32)).hexdigest())
set_id = bytes.fromhex("00112233445566778899aabbccddeeff")
print("commitment", hashlib.sha256(b"keyrite share commitment" + set_id + bytes([3]) +
                                   bytes([1, 2, 3, 4])).hexdigest())
