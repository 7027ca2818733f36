#include "qlat/rebase.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>

#include "qlat/saveconfig.h"

namespace qlat {

namespace {

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
  const auto name = t.tpg_path(c);
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
      [&](const Tpg& x) { return c.tpg_path(x); },
      [&](const Tpg* xb, const Tpg* xd, const Tpg* xc, const std::string& n) {
        return m.node(xb, xd, xc, n, tpg_shell,
                      [&](Tpg& rg, const Tpg* gb, const Tpg& gd, const Tpg& gc) {
                        merge_tpg(m, c, rg, gb, gd, gc);
                      });
      });
}

const Tpg* find_tpg(const Config& c, const std::string& fabric, const std::string& wwn,
                    std::uint32_t tag) {
  if (const Target* t = c.find_target(fabric, wwn)) {
    for (const auto& g : t->tpgs) {
      if (g.tag == tag) {
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
                            " of " + t.tpg_path(g);
          const Lun* l = nullptr;
          if (live != nullptr) {
            const auto it = std::find_if(live->luns.begin(), live->luns.end(), has);
            l = it == live->luns.end() ? nullptr : &*it;
          }
          if (l != nullptr) {
            g.luns.push_back(*l);
            r.conflicts.push_back("LUN " + std::to_string(l->index) + " of " + t.tpg_path(g) +
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
        const auto name = "LUN " + std::to_string(l.index) + " of " + t.tpg_path(g);
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
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 of the configuration failed (OpenSSL EVP_Digest)");
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4U]);
    out.push_back(kHex[md[i] & 0xfU]);
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
