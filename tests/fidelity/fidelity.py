#!/usr/bin/env python3
"""Compare kernel/qla2xxx/qla_fw.h with upstream Linux 6.1's qla2xxx headers.

  fidelity.py --upstream DIR --kdir KDIR --build DIR [--header H] [--map M]
  fidelity.py --self-check [--header H] [--map M]

The first form parses our qla_fw.h, checks that tests/fidelity/map.txt covers every
struct, field and define in it, writes two C files (one including only our header,
one only upstream's qla_def.h, which pulls in qla_fw.h and qla_target.h), compiles
both to assembly through Kbuild, reads the values they emit (the asm-offsets trick:
nothing runs in a kernel) and compares offsets, sizes and values. It prints one line
per struct and per group of defines, then every difference, then a summary, and exits
1 on any difference, on a name in the map that no longer exists, or on a name of
ours that the map lacks.

The second form checks the guard itself: it runs the coverage check on temporary
copies of our header with an extra struct, field and define added (and with a mapped
field removed) and fails unless each is reported by name.

Only the Python standard library is used.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


class Fail(Exception):
    """Something the script cannot go on from: printed, exit status 2."""


# ---------------------------------------------------------------- our header

class Member:
    """One member of a struct or union of ours."""

    def __init__(self, name, type_name, children):
        self.name = name            # None for an anonymous struct/union member
        self.type_name = type_name  # 'struct X' for a named struct type, else the type
        self.children = children    # members of an inline struct/union, or None


class Define:
    def __init__(self, name, params, value, line, struct):
        self.name = name
        self.params = params        # None, or the parameter list of a function-like macro
        self.value = value
        self.line = line
        self.struct = struct        # the struct whose body holds it, or None


class Header:
    def __init__(self, path):
        self.file = path
        self.path = os.path.relpath(path, REPO)
        self.structs = {}           # name -> [Member]
        self.struct_order = []
        self.defines = {}           # name -> Define
        self._parse()

    def fail(self, line, msg):
        raise Fail('%s:%d: %s' % (self.path, line, msg))

    def _parse(self):
        with open(self.file, encoding='utf-8') as f:
            text = f.read()
        # Comments out first (kept as spaces and newlines so that line numbers hold).
        text = re.sub(r'/\*.*?\*/', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text,
                      flags=re.S)
        text = re.sub(r'//[^\n]*', '', text)
        lines = text.split('\n')
        code = []                   # (line number, text) of everything but directives
        guard = None
        i = 0
        while i < len(lines):
            ln = i + 1
            line = lines[i]
            while line.endswith('\\'):
                i += 1
                line = line[:-1] + ' ' + lines[i]
            i += 1
            s = line.strip()
            if not s.startswith('#'):
                code.append((ln, line))
                continue
            d = re.match(r'#\s*(\w+)\s*(.*)$', s)
            if not d:
                self.fail(ln, 'cannot parse directive: %s' % s)
            kind, rest = d.group(1), d.group(2).strip()
            if kind == 'include':
                continue
            if kind == 'ifndef' and guard is None and not self.defines:
                guard = rest
                continue
            if kind == 'endif':
                continue
            if kind != 'define':
                self.fail(ln, 'directive the fidelity parser does not know: #%s' % kind)
            m = re.match(r'([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$', rest)
            if not m:
                self.fail(ln, 'cannot parse #define: %s' % s)
            name = m.group(1)
            if name == guard and not m.group(2) and not m.group(4):
                continue
            if not m.group(4):
                self.fail(ln, '#define %s without a value' % name)
            if name in self.defines:
                self.fail(ln, '%s defined twice' % name)
            params = None
            if m.group(2):
                params = [p.strip() for p in m.group(3).split(',') if p.strip()]
            code.append((ln, ' @DEFINE:%s ' % name))
            self.defines[name] = Define(name, params, m.group(4), ln, None)
        self.toks = []
        for ln, line in code:
            for t in re.findall(r'@DEFINE:\w+|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+|\d+|==|\S', line):
                self.toks.append((ln, t))
        self.pos = 0
        self._top()

    def peek(self, k=0):
        p = self.pos + k
        return self.toks[p][1] if p < len(self.toks) else None

    def line(self):
        p = min(self.pos, len(self.toks) - 1)
        return self.toks[p][0] if self.toks else 0

    def take(self, want=None):
        if self.pos >= len(self.toks):
            self.fail(self.line(), 'unexpected end of file')
        t = self.toks[self.pos][1]
        if want is not None and t != want:
            self.fail(self.line(), 'expected %r, found %r' % (want, t))
        self.pos += 1
        return t

    def ident(self):
        t = self.take()
        if not re.match(r'[A-Za-z_]\w*$', t):
            self.fail(self.line(), 'expected a name, found %r' % t)
        return t

    def skip_defines(self, struct):
        while self.peek() is not None and self.peek().startswith('@DEFINE:'):
            name = self.take()[len('@DEFINE:'):]
            self.defines[name].struct = struct

    def _top(self):
        while True:
            self.skip_defines(None)
            t = self.peek()
            if t is None:
                return
            if t == 'struct' and self.peek(2) == '{':
                self.take('struct')
                name = self.ident()
                if name in self.structs:
                    self.fail(self.line(), 'struct %s defined twice' % name)
                self.structs[name] = self._body(name)
                self.struct_order.append(name)
                self.take(';')
            elif t == 'static_assert':
                depth = 0
                while True:
                    t = self.take()
                    depth += t == '('
                    depth -= t == ')'
                    if t == ')' and depth == 0:
                        break
                self.take(';')
            else:
                self.fail(self.line(), 'the fidelity parser cannot read %r here '
                          '(only structs, static_asserts and #defines at top level)' % t)

    def _body(self, struct):
        """Members between braces, the braces included."""
        self.take('{')
        members = []
        while True:
            self.skip_defines(struct)
            if self.peek() == '}':
                self.take('}')
                return members
            members.append(self._member(struct))

    def _member(self, struct):
        t = self.peek()
        if t in ('struct', 'union') and self.peek(1) == '{':
            kind = self.take()
            children = self._body(struct)
            if self.peek() == ';':
                self.take(';')
                return Member(None, 'anonymous ' + kind, children)
            name = self.ident()
            if self.peek() == '[':
                self.fail(self.line(), 'an array of an inline %s is not supported' % kind)
            self.take(';')
            return Member(name, 'inline ' + kind, children)
        if t in ('struct', 'union'):
            type_name = self.take() + ' ' + self.ident()
        else:
            words = [self.ident()]
            while self.peek(1) not in (';', '[', ':', ','):
                words.append(self.ident())
            type_name = ' '.join(words)
        name = self.ident()
        dims = ''
        while self.peek() == '[':
            self.take('[')
            dim = self.take()
            self.take(']')
            dims += '[%s]' % dim
        if self.peek() in (':', ','):
            self.fail(self.line(), '%s.%s: bitfields and multiple declarators are not '
                      'supported (qla_fw.h uses masks, one member a line)' % (struct, name))
        self.take(';')
        return Member(name, type_name + dims, None)

    def paths(self, struct, expand, prefix='', members=None, everything=False):
        """Member paths of a struct: inline aggregates are always followed, members
        of a named struct type only when that type is in expand (or everything)."""
        out = []
        for m in (self.structs[struct] if members is None else members):
            if m.name is None:
                out += self.paths(struct, expand, prefix, m.children, everything)
                continue
            p = prefix + m.name
            out.append(p)
            if m.children is not None:
                out += self.paths(struct, expand, p + '.', m.children, everything)
            elif m.type_name.startswith('struct ') and '[' not in m.type_name:
                sub = m.type_name.split()[1]
                if sub in self.structs and (everything or sub in expand):
                    out += self.paths(sub, expand, p + '.', None, everything)
        return out


# ---------------------------------------------------------------- the map

class Entry:
    def __init__(self, line, name, kind, expr=None, reason=None):
        self.line = line
        self.name = name        # our field path or define name (with arguments)
        self.kind = kind        # 'map', 'reserved', 'none', 'absent'
        self.expr = expr
        self.reason = reason


class StructMap:
    def __init__(self, line, ours, up_type, base, at):
        self.line = line
        self.ours = ours
        self.up_type = up_type
        self.base = base
        self.at = at
        self.fields = []


class Table:
    def __init__(self, path):
        self.file = path
        self.path = os.path.relpath(path, REPO)
        self.structs = []
        self.groups = []        # (title, line, [Entry])
        self.expand = {}        # our struct name -> line
        self._parse()

    def fail(self, line, msg):
        raise Fail('%s:%d: %s' % (self.path, line, msg))

    def _entry(self, ln, s):
        m = re.match(r'(\S+)\s*!(reserved|none|absent)\s*(?::\s*(.*))?$', s)
        if m:
            if m.group(2) != 'reserved' and not m.group(3):
                self.fail(ln, '%s: "!%s" needs a reason ("!%s: why")'
                          % (m.group(1), m.group(2), m.group(2)))
            return Entry(ln, m.group(1), m.group(2), reason=m.group(3))
        m = re.match(r'(\S+)\s*=\s*(\S.*)$', s)
        if not m:
            self.fail(ln, 'cannot parse entry: %s' % s)
        return Entry(ln, m.group(1), 'map', expr=m.group(2).strip())

    def _parse(self):
        cur = None
        with open(self.file, encoding='utf-8') as f:
            lines = f.read().split('\n')
        for ln, raw in enumerate(lines, 1):
            s = raw.split('#', 1)[0].rstrip()
            if not s.strip():
                continue
            if not s[0].isspace():
                s = s.strip()
                m = re.match(r'struct\s+(\w+)\s*=\s*([^,]+?)\s*(?:,\s*([^,]+?)\s*)?'
                             r'(?:,\s*at\s+(\d+)\s*)?$', s)
                if m:
                    if m.group(3) and m.group(3).startswith('at '):
                        self.fail(ln, 'write "struct OURS = TYPE, BASE, at N"')
                    cur = StructMap(ln, m.group(1), m.group(2), m.group(3),
                                    int(m.group(4)) if m.group(4) else None)
                    if cur.at is not None and not cur.base:
                        self.fail(ln, '"at N" goes with a base member')
                    self.structs.append(cur)
                    continue
                m = re.match(r'group\s+(\S.*)$', s)
                if m:
                    cur = (m.group(1), ln, [])
                    self.groups.append(cur)
                    continue
                m = re.match(r'expand\s+(\w+)\s*:\s*\S', s)
                if m:
                    self.expand[m.group(1)] = ln
                    cur = None
                    continue
                self.fail(ln, 'cannot parse: %s' % s)
            if cur is None:
                self.fail(ln, 'an indented entry outside a struct or group')
            e = self._entry(ln, s.strip())
            if isinstance(cur, StructMap):
                cur.fields.append(e)
            else:
                cur[2].append(e)


# ---------------------------------------------------------------- coverage

def coverage(hdr, table):
    """Errors for everything of ours the table lacks and every table name that is
    not ours; also checks the shape of each entry."""
    errs = []
    seen = {}
    for name, ln in table.expand.items():
        if name not in hdr.structs:
            errs.append('%s:%d: expand %s: no such struct in %s'
                        % (table.path, ln, name, hdr.path))
    for sm in table.structs:
        if sm.ours in seen:
            errs.append('%s:%d: struct %s mapped twice' % (table.path, sm.line, sm.ours))
        seen[sm.ours] = sm
        if sm.ours not in hdr.structs:
            errs.append('%s:%d: struct %s no longer exists in %s'
                        % (table.path, sm.line, sm.ours, hdr.path))
            continue
        need = hdr.paths(sm.ours, table.expand)
        valid = set(hdr.paths(sm.ours, table.expand, everything=True))
        have = {}
        for e in sm.fields:
            if e.name in have:
                errs.append('%s:%d: %s.%s mapped twice' % (table.path, e.line, sm.ours, e.name))
            have[e.name] = e
            if e.name not in valid:
                errs.append('%s:%d: field %s.%s no longer exists in %s'
                            % (table.path, e.line, sm.ours, e.name, hdr.path))
            if e.kind == 'reserved' and not re.match(r'(.*\.)?rsvd_\d+$', e.name):
                errs.append('%s:%d: %s.%s: only rsvd_N fields can be !reserved'
                            % (table.path, e.line, sm.ours, e.name))
        for p in need:
            if p not in have:
                errs.append('%s: field %s.%s is not in %s (map it, or mark it '
                            '!reserved or "!none: reason")' % (hdr.path, sm.ours, p, table.path))
    for name in hdr.struct_order:
        if name not in seen:
            errs.append('%s: struct %s is not in %s' % (hdr.path, name, table.path))
    mapped = {}
    for title, gln, entries in table.groups:
        for e in entries:
            m = re.match(r'([A-Za-z_]\w*)(\((.*)\))?$', e.name)
            if not m:
                errs.append('%s:%d: cannot parse define name %s' % (table.path, e.line, e.name))
                continue
            base = m.group(1)
            d = hdr.defines.get(base)
            if d is None:
                errs.append('%s:%d: define %s no longer exists in %s'
                            % (table.path, e.line, base, hdr.path))
                continue
            if (d.params is None) != (m.group(2) is None):
                errs.append('%s:%d: %s: arguments must match the macro (%s)'
                            % (table.path, e.line, e.name,
                               'function-like' if d.params is not None else 'object-like'))
            if e.kind == 'reserved':
                errs.append('%s:%d: %s: a define cannot be !reserved' % (table.path, e.line, base))
            if base in mapped and (d.params is None or e.kind == 'none'):
                errs.append('%s:%d: define %s mapped twice' % (table.path, e.line, base))
            mapped[base] = e
    for name, d in hdr.defines.items():
        if name not in mapped:
            errs.append('%s:%d: define %s is not in %s (map it, or mark it "!none: reason")'
                        % (hdr.path, d.line, name, table.path))
    return errs


# ---------------------------------------------------------------- the C files

class Check:
    """One comparison: an expression of ours against one of upstream's."""

    def __init__(self, key, what, ours, up, entry_line):
        self.key = key
        self.what = what
        self.ours = ours
        self.up = up
        self.line = entry_line


class UpObj:
    """Upstream's type T, or a member of it (BASE: x.y), or a run of its members
    (BASE: a..b): offsets count from the start of BASE."""

    def __init__(self, up_type, base):
        self.t = up_type
        self.base = base
        self.run = base.split('..') if base and '..' in base else None

    def _path(self, d):
        return '%s.%s' % (self.base, d) if self.base and not self.run else d

    def off(self, d):
        o = 'offsetof(%s, %s)' % (self.t, self._path(d))
        if self.base:
            o = '(%s - offsetof(%s, %s))' % (o, self.t, self.run[0] if self.run else self.base)
        return o

    def size(self, d):
        return 'sizeof(((%s *)0)->%s)' % (self.t, self._path(d))

    def whole(self):
        if self.run:
            a, b = [x.strip() for x in self.run]
            return ('(offsetof(%s, %s) + sizeof(((%s *)0)->%s) - offsetof(%s, %s))'
                    % (self.t, b, self.t, b, self.t, a))
        if self.base:
            return 'sizeof(((%s *)0)->%s)' % (self.t, self.base)
        return 'sizeof(%s)' % self.t


def up_field(sm, expr):
    """(offset, size) C expressions of upstream's counterpart of a field."""
    obj = UpObj(sm.up_type, sm.base)
    elsewhere = re.match(r'in\s+(.+?):\s*(.+)$', expr)
    if elsewhere:
        obj = UpObj(elsewhere.group(1), None)
        expr = elsewhere.group(2)
    part = None
    m = re.match(r'(.+?)\s*\+(\d+):(\d+)$', expr)
    if m:
        expr, part = m.group(1), (int(m.group(2)), int(m.group(3)))
    if '..' in expr:
        first, last = [x.strip() for x in expr.split('..', 1)]
        off = obj.off(first)
        size = '(%s + %s - %s)' % (obj.off(last), obj.size(last), off)
    else:
        off, size = obj.off(expr), obj.size(expr)
    if part:
        off = '(%s + %d)' % (off, part[0])
        size = str(part[1])
    if elsewhere and sm.at is not None:
        off = '(%s - %d)' % (off, sm.at)
    return off, size


def build_checks(hdr, table):
    checks = []
    plan = []       # ('struct', sm, [(entry, off_check, size_check)], size_check, at_check)

    def add(what, ours, up, line):
        c = Check('k%d' % len(checks), what, ours, up, line)
        checks.append(c)
        return c

    for sm in table.structs:
        st = 'struct %s' % sm.ours
        obj = UpObj(sm.up_type, sm.base)
        size_c = add('sizeof', 'sizeof(%s)' % st, obj.whole(), sm.line)
        at_c = None
        if sm.at is not None:
            at_c = add('offset of %s' % sm.base, str(sm.at),
                       'offsetof(%s, %s)' % (sm.up_type, sm.base), sm.line)
        rows = []
        for e in sm.fields:
            o_ours = 'offsetof(%s, %s)' % (st, e.name)
            s_ours = 'sizeof(((%s *)0)->%s)' % (st, e.name)
            if e.kind == 'map':
                uo, us = up_field(sm, e.expr)
            else:
                uo, us = '0', '0'   # only ours is needed
            rows.append((e, add('offset', o_ours, uo, e.line), add('size', s_ours, us, e.line)))
        plan.append(('struct', sm, rows, size_c, at_c))
    for title, gln, entries in table.groups:
        rows = []
        for e in entries:
            if e.kind == 'map':
                rows.append((e, add('value', e.name, e.expr, e.line)))
            elif e.kind == 'absent':
                rows.append((e, add('value', e.name, '0', e.line)))
            else:
                rows.append((e, None))
        plan.append(('group', (title, gln), rows, None, None))
    return checks, plan


EMIT = ('#define QLAT_FID(key, val) \\\n'
        '\tasm volatile("\\n.ascii \\"->" key " %0\\"" : : "i" ((long long)(val)))\n')


def write_c(path, includes, checks, side):
    lines = ['/* Generated by tests/fidelity/fidelity.py: do not edit. */',
             '#include <linux/stddef.h>']
    lines += ['#include "%s"' % i for i in includes]
    lines += [EMIT, 'void qlat_fidelity_%s(void);' % side,
              'void qlat_fidelity_%s(void)' % side, '{']
    where = {}
    for c in checks:
        where[len(lines) + 1] = c
        lines.append('\tQLAT_FID("%s", %s);' % (c.key, getattr(c, side)))
    lines.append('}')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    return where


def compile_s(gen, kdir, names):
    with open(os.path.join(gen, 'Kbuild'), 'w', encoding='utf-8') as f:
        f.write('# Generated by tests/fidelity/fidelity.py: only the .s targets are built.\n')
    for n in names:
        for old in (n + '.s', '.%s.s.cmd' % n):
            if os.path.exists(os.path.join(gen, old)):
                os.unlink(os.path.join(gen, old))
    cmd = ['make', '-s', '-C', kdir, 'M=' + gen, '-j2'] + [n + '.s' for n in names]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       check=False)
    return r.returncode, r.stdout


def read_s(path):
    vals = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.search(r'"->(k\d+) \$?(-?\d+)"', line)
            if m:
                vals[m.group(1)] = int(m.group(2)) & 0xffffffffffffffff
    return vals


def compile_errors(out, cfile, where, table):
    """gcc's errors, each named by the map line whose expression caused it."""
    errs = []
    for m in re.finditer(r'%s:(\d+):\d+: error: ([^\n]*)' % re.escape(cfile), out):
        c = where.get(int(m.group(1)))
        if c:
            errs.append('%s:%d: %s: does not compile against %s: %s'
                        % (table.path, c.line, c.what, os.path.basename(cfile), m.group(2)))
    return errs


# ---------------------------------------------------------------- comparison

def fmt(v):
    return '0x%x' % v if v > 9 else str(v)


def compare(plan, ours, up, table):
    out, details = [], []
    nstructs = nfields = ndefines = 0
    for kind, what, rows, size_c, at_c in plan:
        if kind == 'struct':
            sm = what
            nstructs += 1
            diffs = []
            so, su = ours[size_c.key], up[size_c.key]
            if so != su:
                diffs.append('size %d vs %d' % (so, su))
                details.append('%s:%d: struct %s: size %d, upstream %s: %d'
                               % (table.path, sm.line, sm.ours, so, sm.up_type, su))
            if at_c and ours[at_c.key] != up[at_c.key]:
                diffs.append('base at %d vs %d' % (ours[at_c.key], up[at_c.key]))
                details.append('%s:%d: struct %s: sits at %d, upstream %s.%s is at %d'
                               % (table.path, sm.line, sm.ours, ours[at_c.key], sm.up_type,
                                  sm.base, up[at_c.key]))
            mapped = []
            for e, oc, sc in rows:
                if e.kind == 'map':
                    mapped.append((e, up[oc.key], up[sc.key]))
            for e, oc, sc in rows:
                if e.kind == 'none':
                    continue
                nfields += 1
                o, s = ours[oc.key], ours[sc.key]
                if e.kind == 'absent':
                    diffs.append('%s %d+%d absent' % (e.name, o, s))
                    details.append('%s:%d: %s.%s at %d size %d: upstream has no such field '
                                   '(%s)' % (table.path, e.line, sm.ours, e.name, o, s, e.reason))
                    continue
                if e.kind == 'map':
                    uo, us = up[oc.key], up[sc.key]
                    if (o, s) != (uo, us):
                        diffs.append('%s %d+%d vs %d+%d' % (e.name, o, s, uo, us))
                        details.append('%s:%d: %s.%s at %d size %d; upstream %s at %d size %d'
                                       % (table.path, e.line, sm.ours, e.name, o, s,
                                          e.expr, uo, us))
                    continue
                # !reserved: its name gives its offset; nothing of upstream's inside it.
                want = int(e.name.rsplit('_', 1)[1]) - (sm.at or 0)
                if o != want:
                    diffs.append('%s at %d' % (e.name, o))
                    details.append('%s:%d: %s.%s is at %d, its name says %d'
                                   % (table.path, e.line, sm.ours, e.name, o + (sm.at or 0),
                                      want + (sm.at or 0)))
                for f, uo, us in mapped:
                    if f.name.startswith(e.name + '.') or e.name.startswith(f.name + '.'):
                        continue
                    if uo < o + s and o < uo + us:
                        diffs.append('%s %d+%d holds %s' % (e.name, o, s, f.name))
                        details.append('%s:%d: %s.%s (reserved, %d..%d) overlaps upstream %s '
                                       '(%d..%d), which our %s maps to'
                                       % (table.path, e.line, sm.ours, e.name, o, o + s - 1,
                                          f.expr, uo, uo + us - 1, f.name))
            n = sum(1 for r in rows if r[0].kind != 'none')
            label = '%s -> %s%s' % (sm.ours, sm.up_type, (', ' + sm.base) if sm.base else '')
            out.append('%-58s %3d fields  %s' % (label, n, 'ok' if not diffs else
                                                 'DIFFERS: ' + '; '.join(diffs)))
        else:
            title, gln = what
            diffs = []
            n = 0
            for e, c in rows:
                if c is None:
                    continue
                n += 1
                vo, vu = ours[c.key], up[c.key]
                if e.kind == 'absent':
                    diffs.append('%s %s absent' % (e.name, fmt(vo)))
                    details.append('%s:%d: %s = %s: upstream has no such value (%s)'
                                   % (table.path, e.line, e.name, fmt(vo), e.reason))
                elif vo != vu:
                    diffs.append('%s %s vs %s' % (e.name, fmt(vo), fmt(vu)))
                    up_text = ('upstream %s' % fmt(vu) if re.match(r'(0x)?[0-9a-f]+$', e.expr)
                               else 'upstream %s = %s' % (e.expr, fmt(vu)))
                    details.append('%s:%d: %s = %s; %s'
                                   % (table.path, e.line, e.name, fmt(vo), up_text))
            ndefines += n
            out.append('%-58s %3d defines %s' % ('defines: ' + title, n,
                                                 'ok' if not diffs else
                                                 'DIFFERS: ' + '; '.join(diffs)))
    return out, details, (nstructs, nfields, ndefines)


# ---------------------------------------------------------------- main

def run(args):
    hdr = Header(args.header)
    table = Table(args.map)
    errs = coverage(hdr, table)
    if errs:
        for e in errs:
            print('UNMAPPED/STALE: ' + e)
        print('fidelity: %d coverage errors (the map must name everything of ours, and '
              'only that)' % len(errs))
        return 1
    checks, plan = build_checks(hdr, table)
    gen = os.path.join(args.build, 'gen')
    os.makedirs(gen, exist_ok=True)
    ours_c, up_c = os.path.join(gen, 'ours.c'), os.path.join(gen, 'upstream.c')
    where_ours = write_c(ours_c, [os.path.abspath(args.header)], checks, 'ours')
    where_up = write_c(up_c, [os.path.join(os.path.abspath(args.upstream), 'qla_def.h')],
                       checks, 'up')
    rc, out = compile_s(gen, args.kdir, ['ours', 'upstream'])
    if rc != 0:
        errs = (compile_errors(out, ours_c, where_ours, table) +
                compile_errors(out, up_c, where_up, table))
        for e in errs:
            print('STALE: ' + e)
        if not errs:
            print(out)
        print('fidelity: the generated C does not compile (%d named errors)' % len(errs))
        return 1
    ours = read_s(os.path.join(gen, 'ours.s'))
    up = read_s(os.path.join(gen, 'upstream.s'))
    missing = [c.key for c in checks if c.key not in ours or c.key not in up]
    if missing:
        raise Fail('values missing from the assembly: %s' % ', '.join(missing[:10]))
    lines, details, (ns, nf, nd) = compare(plan, ours, up, table)
    print('\n'.join(lines))
    if details:
        print('\ndifferences:')
        print('\n'.join('  ' + d for d in details))
    print('fidelity: %d structs, %d fields, %d defines: %d differences'
          % (ns, nf, nd, len(details)))
    return 1 if details else 0


def self_check(args):
    """The guard must name an added struct, field and define, and a removed field."""
    with open(args.header, encoding='utf-8') as f:
        text = f.read()
    table = Table(args.map)
    victim = table.structs[0]
    field = next(e for e in victim.fields if '.' not in e.name and e.kind == 'map')
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        added = re.sub(r'(struct %s \{\n)' % victim.ours,
                       r'\1\tu8 fidelity_selfcheck_field;\n', text, count=1)
        added = added.replace('#endif /* QLA_FW_H */',
                              '#define FIDELITY_SELFCHECK_DEFINE 1\n'
                              'struct fidelity_selfcheck_struct {\n\tu8 a;\n};\n\n'
                              '#endif /* QLA_FW_H */')
        cases.append(('added', added, ['%s.fidelity_selfcheck_field' % victim.ours,
                                       'define FIDELITY_SELFCHECK_DEFINE',
                                       'struct fidelity_selfcheck_struct']))
        removed = re.sub(r'(struct %s \{.*?)\n[^\n]*\b%s;' % (victim.ours, field.name),
                         r'\1', text, count=1, flags=re.S)
        cases.append(('removed', removed, ['%s.%s no longer exists' % (victim.ours,
                                                                       field.name)]))
        for name, body, wants in cases:
            path = os.path.join(tmp, 'qla_fw.h')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(body)
            errs = coverage(Header(path), table)
            for w in wants:
                hit = [e for e in errs if w in e]
                print('self-check (%s): %-52s %s' % (name, w, 'reported' if hit else 'MISSED'))
                ok &= bool(hit)
        # The header as it is must be fully covered.
        errs = coverage(Header(args.header), table)
        print('self-check: the map covers %s: %s' % (os.path.relpath(args.header, REPO),
                                                     'yes' if not errs else
                                                     '%d errors' % len(errs)))
        ok &= not errs
    print('fidelity self-check: %s' % ('ok' if ok else 'FAILED'))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--header', default=os.path.join(REPO, 'kernel/qla2xxx/qla_fw.h'))
    ap.add_argument('--map', default=os.path.join(HERE, 'map.txt'))
    ap.add_argument('--upstream', help="upstream's drivers/scsi/qla2xxx")
    ap.add_argument('--kdir', help='the kernel build directory (Kbuild)')
    ap.add_argument('--build', help='where to write the generated files')
    ap.add_argument('--self-check', action='store_true')
    args = ap.parse_args()
    try:
        if args.self_check:
            return self_check(args)
        if not (args.upstream and args.kdir and args.build):
            ap.error('--upstream, --kdir and --build are needed')
        return run(args)
    except Fail as e:
        print('fidelity: %s' % e, file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
