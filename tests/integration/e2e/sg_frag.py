#!/usr/bin/env python3
"""sg_frag.py DEVICE OFFSET: write, then read back and compare, one direct I/O
whose buffer is scattered: 256 pieces of 512 bytes, each at the start of a
page of its own with a page between them, so that the command carries 256
data segments none of which the block layer can merge (its first in the
command IOCB, the rest in 51 continuation entries). Prints "ok N segments"
or fails with a message. For the end-to-end tests (sourced by none)."""
import mmap
import os
import sys

PIECES, PIECE, PAGE = 256, 512, mmap.PAGESIZE


def pieces(area, seed):
    views = []
    for i in range(PIECES):
        v = memoryview(area)[2 * i * PAGE:2 * i * PAGE + PIECE]
        if seed is not None:
            v[:] = bytes((seed + i + j) & 0xff for j in range(PIECE))
        views.append(v)
    return views


def main():
    dev, off = sys.argv[1], int(sys.argv[2])
    fd = os.open(dev, os.O_RDWR | os.O_DIRECT)
    out = mmap.mmap(-1, 2 * PIECES * PAGE)
    back = mmap.mmap(-1, 2 * PIECES * PAGE)
    wv, rv = pieces(out, 7), pieces(back, None)
    n = os.pwritev(fd, wv, off)
    if n != PIECES * PIECE:
        sys.exit(f"pwritev wrote {n} bytes")
    n = os.preadv(fd, rv, off)
    if n != PIECES * PIECE:
        sys.exit(f"preadv read {n} bytes")
    for i in range(PIECES):
        if bytes(wv[i]) != bytes(rv[i]):
            sys.exit(f"piece {i} differs after the round trip")
    os.close(fd)
    print(f"ok {PIECES} segments")


main()
