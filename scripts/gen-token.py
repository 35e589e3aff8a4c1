#!/usr/bin/env python3
"""Generate fake, correctly formatted tokens for detector examples and fixtures.

Usage: gen-token.py PREFIX [SEED]
Prints PREFIX followed by 30 pseudo-random base62 characters and the 6-character
base62 CRC32 checksum GitHub and npm tokens carry. The output is never a real token.
"""
import random
import sys
import zlib

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def checksum(random_part: str) -> str:
    n = zlib.crc32(random_part.encode())
    digits = ""
    for _ in range(6):
        digits = ALPHABET[n % 62] + digits
        n //= 62
    return digits


def main() -> None:
    prefix = sys.argv[1]
    rng = random.Random(sys.argv[2] if len(sys.argv) > 2 else None)
    body = "".join(rng.choice(ALPHABET) for _ in range(30))
    print(prefix + body + checksum(body))


if __name__ == "__main__":
    main()
