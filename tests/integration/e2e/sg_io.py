#!/usr/bin/env python3
"""sg_io.py [--len N] [--write BYTE] DEVICE CDB-HEX: send one SCSI command
through SG_IO with a 96-byte sense buffer (sg_raw's is smaller) and print what
came back:

    status=0x02 host=0x0000 sense_len=18
    sense=70 00 05 ...
    resid=4096
    data=00 00 ...

The data buffer is N bytes (4096 unless --len says otherwise); the command is a
data-in one whose first 16 bytes received are printed, or with --write, a
data-out one sending N bytes of BYTE (hex). The buffer's length is what the
initiator asks for (FCP_DL), whatever the CDB says.
For the end-to-end tests (sourced by none: run as a program)."""
import argparse
import ctypes
import fcntl
import os

SG_IO = 0x2285
SG_DXFER_TO_DEV = -2
SG_DXFER_FROM_DEV = -3


class SgIoHdr(ctypes.Structure):
    """struct sg_io_hdr of <scsi/sg.h>"""
    _fields_ = [
        ("interface_id", ctypes.c_int),
        ("dxfer_direction", ctypes.c_int),
        ("cmd_len", ctypes.c_ubyte),
        ("mx_sb_len", ctypes.c_ubyte),
        ("iovec_count", ctypes.c_ushort),
        ("dxfer_len", ctypes.c_uint),
        ("dxferp", ctypes.c_void_p),
        ("cmdp", ctypes.c_void_p),
        ("sbp", ctypes.c_void_p),
        ("timeout", ctypes.c_uint),
        ("flags", ctypes.c_uint),
        ("pack_id", ctypes.c_int),
        ("usr_ptr", ctypes.c_void_p),
        ("status", ctypes.c_ubyte),
        ("masked_status", ctypes.c_ubyte),
        ("msg_status", ctypes.c_ubyte),
        ("sb_len_wr", ctypes.c_ubyte),
        ("host_status", ctypes.c_ushort),
        ("driver_status", ctypes.c_ushort),
        ("resid", ctypes.c_int),
        ("duration", ctypes.c_uint),
        ("info", ctypes.c_uint),
    ]


def main():
    ap = argparse.ArgumentParser(usage=__doc__.splitlines()[0])
    ap.add_argument("--len", type=int, default=4096)
    ap.add_argument("--write", type=lambda v: int(v, 16))
    ap.add_argument("device")
    ap.add_argument("cdb")
    args = ap.parse_args()
    cdb_bytes = bytes.fromhex(args.cdb)
    cdb = ctypes.create_string_buffer(cdb_bytes, len(cdb_bytes))
    sense = ctypes.create_string_buffer(96)
    fill = b"\0" if args.write is None else bytes([args.write])
    data = ctypes.create_string_buffer(fill * args.len, args.len)
    direction = SG_DXFER_FROM_DEV if args.write is None else SG_DXFER_TO_DEV
    hdr = SgIoHdr(interface_id=ord("S"), dxfer_direction=direction,
                  cmd_len=len(cdb_bytes), mx_sb_len=len(sense),
                  dxfer_len=args.len, dxferp=ctypes.addressof(data),
                  cmdp=ctypes.addressof(cdb), sbp=ctypes.addressof(sense),
                  timeout=20000)
    fd = os.open(args.device, os.O_RDWR)
    try:
        fcntl.ioctl(fd, SG_IO, hdr)
    finally:
        os.close(fd)
    print(f"status=0x{hdr.status:02x} host=0x{hdr.host_status:04x} "
          f"sense_len={hdr.sb_len_wr}")
    print("sense=" + sense.raw[:hdr.sb_len_wr].hex(" "))
    print(f"resid={hdr.resid}")
    if args.write is None:
        print("data=" + data.raw[:16].hex(" "))


if __name__ == "__main__":
    main()
