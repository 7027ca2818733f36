#include "qlat/rebase.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "qlat/saveconfig.h"

namespace qlat {

namespace {

// SHA-256 (FIPS 180-4): 64 rounds over 512-bit blocks, big-endian words.
constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) {
  return (x >> n) | (x << (32U - n));
}

void sha256_block(std::array<std::uint32_t, 8>& h, const unsigned char* p) {
  std::array<std::uint32_t, 64> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t{p[4 * i]} << 24) | (std::uint32_t{p[4 * i + 1]} << 16) |
           (std::uint32_t{p[4 * i + 2]} << 8) | std::uint32_t{p[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 64; ++i) {
    const auto s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const auto s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  auto v = h;
  for (std::size_t i = 0; i < 64; ++i) {
    const auto s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
    const auto ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    const auto t1 = v[7] + s1 + ch + kRound[i] + w[i];
    const auto s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
    const auto maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    const auto t2 = s0 + maj;
    v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
  }
  for (std::size_t i = 0; i < 8; ++i) {
    h[i] += v[i];
  }
}

// ---- the three-way rebase ----

class Merger {
 public:
  Rebased out;

  template <class T>
  static bool same(const T* a, const T* b) {
    return a == nullptr || b == nullptr ? a == b : *a == *b;
  }

  /// One value without parts: the edit wins unless the live value moved another way.
  template <class T>
  std::optional<T> leaf(const T* b, const T* d, const T* c, const std::string& name) {
    if (!same(b, c)) {
      out.underneath.push_back(name + (b == nullptr   ? ": created outside"
                                       : c == nullptr ? ": removed outside"
                                                      : ": changed outside"));
    }
    if (same(b, d) || same(c, d)) {
      return c != nullptr ? std::optional<T>(*c) : std::nullopt;
    }
    if (same(b, c)) {
      return d != nullptr ? std::optional<T>(*d) : std::nullopt;
    }
    conflict(b, d, c, name);
    return c != nullptr ? std::optional<T>(*c) : std::nullopt;
  }

  /// An object with parts: its own settings (`shell`, the object without its parts) as a
  /// leaf, its parts merged by `parts` when it exists on both sides.
  template <class T, class Shell, class Parts>
  std::optional<T> node(const T* b, const T* d, const T* c, const std::string& name, Shell shell,
                        Parts parts) {
    if (d == nullptr || c == nullptr) {
      return leaf(b, d, c, name);  // removed on one side: nothing to merge part by part
    }
    if (b == nullptr && !(*d == *c)) {
      out.underneath.push_back(name + ": created outside");
    }
    const auto sb = b != nullptr ? std::optional<T>(shell(*b)) : std::nullopt;
    const auto sd = shell(*d);
    const auto sc = shell(*c);
    Merger quiet;  // the settings' own report, without a second "created outside"
    auto merged = *quiet.leaf(sb ? &*sb : nullptr, &sd, &sc, name + " settings");
    if (b != nullptr) {
      out.underneath.insert(out.underneath.end(), quiet.out.underneath.begin(),
                            quiet.out.underneath.end());
    }
    out.conflicts.insert(out.conflicts.end(), quiet.out.conflicts.begin(),
                         quiet.out.conflicts.end());
    parts(merged, b, *d, *c);
    return merged;
  }

  /// A list of objects matched by key: current's order, then the user's new ones.
  template <class T, class Key, class Name, class One>
  std::vector<T> list(const std::vector<T>* b, const std::vector<T>& d, const std::vector<T>& c,
                      Key key, Name name, One one) {
    auto find = [&](const std::vector<T>* v, const auto& k) -> const T* {
      if (v == nullptr) {
        return nullptr;
      }
      const auto it = std::find_if(v->begin(), v->end(), [&](const T& x) { return key(x) == k; });
      return it == v->end() ? nullptr : &*it;
    };
    std::vector<decltype(key(std::declval<const T&>()))> keys;
    for (const auto* v : {&c, &d}) {
      for (const auto& x : *v) {
        if (std::find(keys.begin(), keys.end(), key(x)) == keys.end()) {
          keys.push_back(key(x));
        }
      }
    }
    if (b != nullptr) {
      for (const auto& x : *b) {
        if (std::find(keys.begin(), keys.end(), key(x)) == keys.end()) {
          keys.push_back(key(x));
        }
      }
    }
    std::vector<T> res;
    for (const auto& k : keys) {
      const T* xb = find(b, k);
      const T* xd = find(&d, k);
      const T* xc = find(&c, k);
      const T* any = xd != nullptr ? xd : xc != nullptr ? xc : xb;
      if (auto m = one(xb, xd, xc, name(*any))) {
        res.push_back(std::move(*m));
      }
    }
    return res;
  }

  /// A map of named settings (attributes, parameters, auth).
  template <class Map>
  Map map(const Map* b, const Map& d, const Map& c, const std::string& owner, const char* what) {
    Map res;
    std::vector<std::string> keys;
    for (const auto* m : {b, &d, &c}) {
      if (m != nullptr) {
        for (const auto& [k, v] : *m) {
          if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
            keys.push_back(k);
          }
        }
      }
    }
    auto find = [](const Map* m, const std::string& k) -> const typename Map::mapped_type* {
      if (m == nullptr) {
        return nullptr;
      }
      const auto it = m->find(k);
      return it == m->end() ? nullptr : &it->second;
    };
    for (const auto& k : keys) {
      if (auto v = leaf(find(b, k), find(&d, k), find(&c, k), owner + " " + what + " " + k)) {
        res.emplace(k, std::move(*v));
      }
    }
    return res;
  }

 private:
  template <class T>
  void conflict(const T* b, const T* d, const T* c, const std::string& name) {
    if (c == nullptr) {
      out.conflicts.push_back(name + ": removed outside; your edits to it are not applied");
    } else if (d == nullptr) {
      out.conflicts.push_back(name + ": changed outside; your removal is not applied");
    } else if (b == nullptr) {
      out.conflicts.push_back(name +
                              ": created outside as well, differently (the number or name is "
                              "taken); yours is not applied");
    } else {
      out.conflicts.push_back(name + ": changed both outside and by you; the live one is kept");
    }
  }
};

std::string tpg_name(const Target& t, const Tpg& g) {
  return t.fabric + "/" + t.wwn + "/tpgt_" + std::to_string(g.tag);
}

Tpg tpg_shell(Tpg g) {
  g.attributes.clear();
  g.parameters.clear();
  g.luns.clear();
  g.portals.clear();
  g.node_acls.clear();
  g.auth.clear();
  return g;
}

NodeAcl acl_shell(NodeAcl a) {
  a.attributes.clear();
  a.mapped_luns.clear();
  a.auth.clear();
  return a;
}

Target target_shell(Target t) {
  t.tpgs.clear();
  t.attributes.clear();
  t.parameters.clear();
  return t;
}

StorageObject so_shell(StorageObject so) {
  so.attributes.clear();
  return so;
}

void merge_acl(Merger& m, NodeAcl& r, const NodeAcl* b, const NodeAcl& d, const NodeAcl& c,
               const std::string& name) {
  r.attributes = m.map(b ? &b->attributes : nullptr, d.attributes, c.attributes, name, "attribute");
  r.auth = m.map(b ? &b->auth : nullptr, d.auth, c.auth, name, "auth");
  r.mapped_luns = m.list(
      b ? &b->mapped_luns : nullptr, d.mapped_luns, c.mapped_luns,
      [](const MappedLun& x) { return x.index; },
      [&](const MappedLun& x) { return "mapped LUN " + std::to_string(x.index) + " of " + name; },
      [&](const MappedLun* xb, const MappedLun* xd, const MappedLun* xc, const std::string& n) {
        return m.leaf(xb, xd, xc, n);
      });
}

void merge_tpg(Merger& m, const Target& t, Tpg& r, const Tpg* b, const Tpg& d, const Tpg& c) {
  const auto name = tpg_name(t, c);
  r.attributes = m.map(b ? &b->attributes : nullptr, d.attributes, c.attributes, name, "attribute");
  r.parameters = m.map(b ? &b->parameters : nullptr, d.parameters, c.parameters, name, "parameter");
  r.auth = m.map(b ? &b->auth : nullptr, d.auth, c.auth, name, "auth");
  r.luns = m.list(
      b ? &b->luns : nullptr, d.luns, c.luns, [](const Lun& x) { return x.index; },
      [&](const Lun& x) { return "LUN " + std::to_string(x.index) + " of " + name; },
      [&](const Lun* xb, const Lun* xd, const Lun* xc, const std::string& n) {
        return m.leaf(xb, xd, xc, n);
      });
  r.portals = m.list(
      b ? &b->portals : nullptr, d.portals, c.portals,
      [](const Portal& x) { return x.ip_address + ":" + std::to_string(x.port); },
      [&](const Portal& x) {
        return "portal " + x.ip_address + ":" + std::to_string(x.port) + " of " + name;
      },
      [&](const Portal* xb, const Portal* xd, const Portal* xc, const std::string& n) {
        return m.leaf(xb, xd, xc, n);
      });
  r.node_acls = m.list(
      b ? &b->node_acls : nullptr, d.node_acls, c.node_acls,
      [](const NodeAcl& x) { return x.node_wwn; },
      [&](const NodeAcl& x) { return "ACL " + x.node_wwn + " of " + name; },
      [&](const NodeAcl* xb, const NodeAcl* xd, const NodeAcl* xc, const std::string& n) {
        return m.node(xb, xd, xc, n, acl_shell,
                      [&](NodeAcl& ra, const NodeAcl* ab, const NodeAcl& ad, const NodeAcl& ac) {
                        merge_acl(m, ra, ab, ad, ac, n);
                      });
      });
}

void merge_target(Merger& m, Target& r, const Target* b, const Target& d, const Target& c,
                  const std::string& name) {
  r.attributes = m.map(b ? &b->attributes : nullptr, d.attributes, c.attributes, name, "attribute");
  r.parameters = m.map(b ? &b->parameters : nullptr, d.parameters, c.parameters, name, "parameter");
  r.tpgs = m.list(
      b ? &b->tpgs : nullptr, d.tpgs, c.tpgs, [](const Tpg& x) { return x.tag; },
      [&](const Tpg& x) { return tpg_name(c, x); },
      [&](const Tpg* xb, const Tpg* xd, const Tpg* xc, const std::string& n) {
        return m.node(xb, xd, xc, n, tpg_shell,
                      [&](Tpg& rg, const Tpg* gb, const Tpg& gd, const Tpg& gc) {
                        merge_tpg(m, c, rg, gb, gd, gc);
                      });
      });
}

const Tpg* find_tpg(const Config& c, const std::string& fabric, const std::string& wwn,
                    std::uint32_t tag) {
  for (const auto& t : c.targets) {
    for (const auto& g : t.tpgs) {
      if (t.fabric == fabric && t.wwn == wwn && g.tag == tag) {
        return &g;
      }
    }
  }
  return nullptr;
}

/// No mapped LUN without its TPG LUN, no LUN without its backstore: what is needed is kept
/// from `current` when it is there, else the dangling object goes.
void keep_references(Rebased& r, const Config& current) {
  for (auto& t : r.desired.targets) {
    for (auto& g : t.tpgs) {
      const Tpg* live = find_tpg(current, t.fabric, t.wwn, g.tag);
      for (auto& a : g.node_acls) {
        std::erase_if(a.mapped_luns, [&](const MappedLun& ml) {
          auto has = [&](const Lun& l) { return l.index == ml.tpg_lun; };
          if (std::any_of(g.luns.begin(), g.luns.end(), has)) {
            return false;
          }
          const auto name = "mapped LUN " + std::to_string(ml.index) + " of ACL " + a.node_wwn +
                            " of " + tpg_name(t, g);
          const Lun* l = nullptr;
          if (live != nullptr) {
            const auto it = std::find_if(live->luns.begin(), live->luns.end(), has);
            l = it == live->luns.end() ? nullptr : &*it;
          }
          if (l != nullptr) {
            g.luns.push_back(*l);
            r.conflicts.push_back("LUN " + std::to_string(l->index) + " of " + tpg_name(t, g) +
                                  ": " + name + " uses it; your removal is not applied");
            return false;
          }
          r.conflicts.push_back(name + ": its TPG LUN " + std::to_string(ml.tpg_lun) +
                                " is gone; it is not applied");
          return true;
        });
      }
    }
  }
  for (auto& t : r.desired.targets) {
    for (auto& g : t.tpgs) {
      std::erase_if(g.luns, [&](const Lun& l) {
        if (r.desired.find_storage_object(l.storage_object) != nullptr) {
          return false;
        }
        const auto name = "LUN " + std::to_string(l.index) + " of " + tpg_name(t, g);
        if (const auto* so = current.find_storage_object(l.storage_object)) {
          r.desired.storage_objects.push_back(*so);
          r.conflicts.push_back("backstore " + l.storage_object + ": " + name +
                                " uses it; your removal is not applied");
          return false;
        }
        r.conflicts.push_back(name + ": its backstore " + l.storage_object +
                              " is gone; it is not applied");
        // Mapped LUNs of it go too (they would name a missing TPG LUN).
        for (auto& a : g.node_acls) {
          std::erase_if(a.mapped_luns, [&](const MappedLun& ml) { return ml.tpg_lun == l.index; });
        }
        return true;
      });
    }
  }
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  for (; n >= 64; n -= 64, p += 64) {
    sha256_block(h, p);
  }
  std::array<unsigned char, 128> tail{};
  std::copy(p, p + n, tail.begin());
  tail[n] = 0x80;
  const std::size_t len = n + 9 <= 64 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  for (std::size_t i = 0; i < 8; ++i) {
    tail[len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  }
  for (std::size_t off = 0; off < len; off += 64) {
    sha256_block(h, tail.data() + off);
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (const auto w : h) {
    for (int s = 28; s >= 0; s -= 4) {
      out.push_back(kHex[(w >> s) & 0xfU]);
    }
  }
  return out;
}

std::string digest(const Config& config) {
  return "sha256:" + sha256_hex(dump_config(config));
}

Rebased rebase(const Config& base, const Config& desired, const Config& current) {
  Merger m;
  auto& r = m.out.desired;
  r.fabric_modules = m.list(
      &base.fabric_modules, desired.fabric_modules, current.fabric_modules,
      [](const FabricModule& x) { return x.name; },
      [](const FabricModule& x) { return "fabric module " + x.name; },
      [&](const FabricModule* b, const FabricModule* d, const FabricModule* c,
          const std::string& n) { return m.leaf(b, d, c, n); });
  r.storage_objects = m.list(
      &base.storage_objects, desired.storage_objects, current.storage_objects,
      [](const StorageObject& x) { return x.path(); },
      [](const StorageObject& x) { return "backstore " + x.plugin + "/" + x.name; },
      [&](const StorageObject* b, const StorageObject* d, const StorageObject* c,
          const std::string& n) {
        return m.node(b, d, c, n, so_shell,
                      [&](StorageObject& rs, const StorageObject* sb, const StorageObject& sd,
                          const StorageObject& sc) {
                        rs.attributes = m.map(sb ? &sb->attributes : nullptr, sd.attributes,
                                              sc.attributes, n, "attribute");
                      });
      });
  r.targets = m.list(
      &base.targets, desired.targets, current.targets,
      [](const Target& x) { return x.fabric + "/" + x.wwn; },
      [](const Target& x) { return "target " + x.fabric + "/" + x.wwn; },
      [&](const Target* b, const Target* d, const Target* c, const std::string& n) {
        return m.node(b, d, c, n, target_shell,
                      [&](Target& rt, const Target* tb, const Target& td, const Target& tc) {
                        merge_target(m, rt, tb, td, tc, n);
                      });
      });
  keep_references(m.out, current);
  return std::move(m.out);
}

}  // namespace qlat
