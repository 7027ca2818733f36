#!/usr/bin/env python3
"""A client of the qlat_sess generic netlink family, with nothing but the
socket module: resolves the family by name (CTRL_CMD_GETFAMILY), joins its
"events" group, dumps the sessions (GET_SESSIONS) and decodes attributes.
Commands, attributes and reasons are read from the uapi header
(kernel/include/uapi/qlat_nl.h), so this stays in step with it.

  qlat_genl.py listen [SECONDS]   one JSON line per event (flushed), until
                                  SECONDS pass or SIGTERM; exit 13 when
                                  joining the group is not permitted
  qlat_genl.py dump               one JSON line per live session
  qlat_genl.py join               exit 0 if joining "events" works, 13 if not
                                  permitted (EPERM), 1 otherwise

Importable: GenlClient(family), .join(group), .dump(cmd), .recv(timeout).
"""
import errno
import json
import os
import re
import signal
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLM_F_DUMP = 0x300
NLMSG_ERROR = 2
NLMSG_DONE = 3

UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "kernel", "include", "uapi", "qlat_nl.h")


def _enum(text, name):
    """The members of enum NAME in header text, in order, as name -> value."""
    m = re.search(r"enum\s+%s\s*{(.*?)};" % name, text, re.S)
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    names = [n.strip() for n in body.split(",") if n.strip()]
    return {n: i for i, n in enumerate(names)}


def load_uapi(path=UAPI):
    with open(path) as f:
        text = f.read()
    defs = dict(re.findall(r'#define\s+(QLAT_NL_\w+)\s+"?([^"\s]+)"?', text))
    return {
        "family": defs["QLAT_NL_FAMILY_NAME"],
        "version": int(defs["QLAT_NL_VERSION"]),
        "group": defs["QLAT_NL_MCGRP_EVENTS"],
        "cmd": _enum(text, "qlat_nl_cmd"),
        "attr": _enum(text, "qlat_nl_attr"),
        "reason": _enum(text, "qlat_nl_reason"),
    }


U = load_uapi()
CMD_NAME = {v: k[len("QLAT_NL_CMD_"):] for k, v in U["cmd"].items()}
ATTR_NAME = {v: k[len("QLAT_NL_A_"):] for k, v in U["attr"].items()}
REASON_NAME = {v: k[len("QLAT_NL_REASON_"):] for k, v in U["reason"].items()}
# how each attribute's payload reads (the header's comments say the same)
ATTR_KIND = {"FABRIC": "str", "ACL": "str", "TGT_WWPN": "u64",
             "INI_WWPN": "u64", "INI_WWNN": "u64", "SEQ": "u64",
             "TIMESTAMP": "u64", "TPGT": "u16", "PORT_ID": "u32",
             "REASON": "u32", "HOST_NO": "u32", "ERRNO": "s32",
             "DYNAMIC": "flag", "PAD": "skip"}


def parse_attrs(buf):
    """(type, payload) of each netlink attribute in buf."""
    out, off = [], 0
    while off + 4 <= len(buf):
        ln, typ = struct.unpack_from("=HH", buf, off)
        if ln < 4:
            break
        out.append((typ & 0x3fff, buf[off + 4:off + ln]))
        off += (ln + 3) & ~3
    return out


def attr(typ, payload):
    return struct.pack("=HH", 4 + len(payload), typ) + payload + \
        b"\0" * ((4 - len(payload) % 4) % 4)


def decode(cmd, payload):
    """A qlat_sess message as a dict: cmd, then each attribute by name."""
    d = {"cmd": CMD_NAME.get(cmd, cmd)}
    for typ, val in parse_attrs(payload):
        name = ATTR_NAME.get(typ, str(typ))
        kind = ATTR_KIND.get(name)
        if kind == "str":
            d[name] = val.split(b"\0")[0].decode()
        elif kind == "u64":
            d[name] = struct.unpack("=Q", val[:8])[0]
        elif kind == "u32":
            d[name] = struct.unpack("=I", val[:4])[0]
        elif kind == "s32":
            d[name] = struct.unpack("=i", val[:4])[0]
        elif kind == "u16":
            d[name] = struct.unpack("=H", val[:2])[0]
        elif kind == "flag":
            d[name] = True
        elif kind == "skip":
            continue
        else:
            d[name] = val.hex()
    if "REASON" in d:
        d["REASON_NAME"] = REASON_NAME.get(d["REASON"], str(d["REASON"]))
    for k in ("TGT_WWPN", "INI_WWPN", "INI_WWNN"):
        if k in d:
            d[k] = "0x%016x" % d[k]
    if "PORT_ID" in d:
        d["PORT_ID"] = "%06x" % d["PORT_ID"]
    return d


class GenlClient:
    def __init__(self, family=U["family"]):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = int(time.time())
        self.family_id, self.groups = self._resolve(family)

    def _send(self, typ, flags, cmd, version, payload=b""):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + payload
        hdr = struct.pack("=IHHII", 16 + len(body), typ, flags, self.seq, 0)
        self.sock.send(hdr + body)
        return self.seq

    def _messages(self, seq):
        """The answers to request seq: (type, cmd, payload) until DONE."""
        while True:
            data = self.sock.recv(65536)
            off = 0
            while off + 16 <= len(data):
                ln, typ, _flags, mseq, _pid = struct.unpack_from("=IHHII",
                                                                 data, off)
                msg = data[off:off + ln]
                off += (ln + 3) & ~3
                if mseq != seq:
                    continue
                if typ == NLMSG_DONE:
                    return
                if typ == NLMSG_ERROR:
                    err = struct.unpack_from("=i", msg, 16)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return
                yield typ, msg[16], msg[20:]

    def _resolve(self, family):
        seq = self._send(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK,
                         CTRL_CMD_GETFAMILY, 1,
                         attr(CTRL_ATTR_FAMILY_NAME, family.encode() + b"\0"))
        fid, groups = None, {}
        for _typ, _cmd, payload in self._messages(seq):
            for t, v in parse_attrs(payload):
                if t == CTRL_ATTR_FAMILY_ID:
                    fid = struct.unpack("=H", v[:2])[0]
                elif t == CTRL_ATTR_MCAST_GROUPS:
                    for _i, grp in parse_attrs(v):
                        g = dict(parse_attrs(grp))
                        name = g[CTRL_ATTR_MCAST_GRP_NAME].split(b"\0")[0]
                        groups[name.decode()] = struct.unpack(
                            "=I", g[CTRL_ATTR_MCAST_GRP_ID][:4])[0]
        if fid is None:
            raise OSError(errno.ENOENT, "no genl family " + family)
        return fid, groups

    def join(self, group=U["group"]):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                             self.groups[group])

    def dump(self, cmd=U["cmd"]["QLAT_NL_CMD_GET_SESSIONS"]):
        seq = self._send(self.family_id, NLM_F_REQUEST | NLM_F_DUMP, cmd,
                         U["version"])
        return [decode(c, p) for _t, c, p in self._messages(seq)]

    def recv(self, timeout):
        """Events (multicast messages of the family) within timeout s."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return []
        out, off = [], 0
        while off + 16 <= len(data):
            ln, typ, _f, _s, _p = struct.unpack_from("=IHHII", data, off)
            if typ == self.family_id:
                out.append(decode(data[off + 16], data[off + 20:off + ln]))
            off += (ln + 3) & ~3
        return out


def main(argv):
    what = argv[1] if len(argv) > 1 else "listen"
    c = GenlClient()
    if what == "dump":
        for s in c.dump():
            print(json.dumps(s, sort_keys=True))
        return 0
    try:
        c.join()
    except PermissionError:
        print("joining %s/%s: not permitted" % (U["family"], U["group"]),
              file=sys.stderr)
        return 13
    if what == "join":
        return 0
    end = time.time() + (float(argv[2]) if len(argv) > 2 else 3600)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"cmd": "READY"}), flush=True)
    while time.time() < end:
        for ev in c.recv(min(1.0, max(0.01, end - time.time()))):
            print(json.dumps(ev, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
