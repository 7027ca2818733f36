#!/usr/bin/env python3
"""A listener of the FC transport's host events, as any FC HBA's are read:
NETLINK_SCSITRANSPORT, group SCSI_NL_GRP_FC_EVENTS, struct fc_nl_event
(<scsi/scsi_netlink_fc.h>). Nothing of qlat's is used.

  fc_events.py [SECONDS]   one JSON line per event (flushed): host_no,
                           code (its FCH_EVT_ name), data, event_num;
                           first a line {"code": "READY"}
"""
import json
import signal
import socket
import struct
import sys
import time

NETLINK_SCSITRANSPORT = 18
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
SCSI_NL_GRP_FC_EVENTS = 1 << 2   # the group number fc_host_post_event uses
FC_NL_ASYNC_EVENT = 0x0100
CODES = {0x1: "LIP", 0x2: "LINKUP", 0x3: "LINKDOWN", 0x4: "LIPRESET",
         0x5: "RSCN", 0x103: "ADAPTER_CHANGE", 0x200: "PORT_UNKNOWN",
         0x201: "PORT_OFFLINE", 0x202: "PORT_ONLINE", 0x204: "PORT_FABRIC",
         0x500: "LINK_UNKNOWN", 0x501: "LINK_FPIN",
         0xffff: "VENDOR_UNIQUE"}


def main(argv):
    secs = float(argv[1]) if len(argv) > 1 else 3600
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                      NETLINK_SCSITRANSPORT)
    s.bind((0, 0))
    s.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, SCSI_NL_GRP_FC_EVENTS)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"code": "READY"}), flush=True)
    end = time.time() + secs
    while time.time() < end:
        s.settimeout(max(0.01, min(1.0, end - time.time())))
        try:
            data = s.recv(65536)
        except socket.timeout:
            continue
        off = 0
        while off + 16 <= len(data):
            ln = struct.unpack_from("=I", data, off)[0]
            m = data[off + 16:off + ln]
            off += (ln + 3) & ~3
            # scsi_nl_hdr: version, transport, magic, msgtype, msglen
            _v, _t, _magic, msgtype, _len = struct.unpack_from("=BBHHH", m)
            if msgtype != FC_NL_ASYNC_EVENT:
                continue
            # seconds, vendor_id, host_no, event_datalen, event_num,
            # event_code, event_data
            (_sec, _vendor, host_no, _dlen, num, code,
             data32) = struct.unpack_from("=QQHHIII", m, 8)
            print(json.dumps({"host_no": host_no,
                              "code": CODES.get(code, hex(code)),
                              "data": data32, "event_num": num}),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
