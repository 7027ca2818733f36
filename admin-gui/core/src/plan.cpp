#include "qlat/plan.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "plan_backstore.h"
#include "plan_ops.h"
#include "qlat/error.h"
#include "qlat/reader.h"
#include "qlat/wwn.h"

namespace qlat {

namespace {

using namespace detail;

/// A container's elements last to first, for a range-for. Not std::views::reverse: the
/// clang 14 of clang-tidy cannot compile libstdc++ 12's views.
template <typename C>
class Reversed {
 public:
  explicit Reversed(const C& c) : c_(&c) {}
  auto begin() const { return c_->rbegin(); }
  auto end() const { return c_->rend(); }

 private:
  const C* c_;
};

template <typename C>
Reversed<C> reversed(const C& c) {
  return Reversed<C>(c);
}

struct Ctx {
  const Schema& schema;
  const Backend& cfs;
  std::map<std::string, std::string> so_dirs;  ///< /backstores/x/y -> core/<hba>/<name>
  std::set<unsigned> used_hba;
  unsigned next_hba = 0;
};

unsigned alloc_hba(Ctx& c) {
  while (c.used_hba.count(c.next_hba) != 0) {
    ++c.next_hba;
  }
  c.used_hba.insert(c.next_hba);
  return c.next_hba;
}

struct TargetKey {
  std::string fabric, wwn;
  // clang-tidy 14 sees the comparison with 0 it synthesizes for a defaulted <=> as a null
  // pointer constant.
  auto operator<=>(const TargetKey&) const = default;  // NOLINT(modernize-use-nullptr)
};

TargetKey key_of(const Schema& s, const Target& t) {
  const auto f = s.fabric(t.fabric);
  auto w = Wwn::parse(t.wwn, f.wwn_types);
  return {t.fabric, w ? w->str() : t.wwn};
}

std::string acl_key(const Schema& s, const std::string& fabric, const std::string& wwn) {
  return cfs_path::acl_dir(s, fabric, wwn);
}

const Tpg* find_tpg(const Target* t, std::uint32_t tag) {
  if (t == nullptr) {
    return nullptr;
  }
  for (const auto& g : t->tpgs) {
    if (g.tag == tag) {
      return &g;
    }
  }
  return nullptr;
}

void add_auth_steps(std::vector<Step>& st, const std::string& dir, const AuthMap& a,
                    const std::string& prefix) {
  static const std::array<std::pair<const char*, const char*>, 4> keys = {
      {{"userid", "userid"},
       {"password", "password"},
       {"mutual_userid", "userid_mutual"},
       {"mutual_password", "password_mutual"}}};
  for (const auto& [key, file] : keys) {
    auto it = a.find(prefix + key);
    if (it != a.end() && !it->second.empty()) {
      st.push_back({Step::Kind::ensure, dir + "/" + file, it->second, {}});
    }
  }
}

class Planner {
 public:
  Planner(const Config& live, const Config& desired, Ctx& ctx, const DiffOptions& opt)
      : live_(live), desired_(desired), c_(ctx), opt_(opt) {}

  Plan run() {
    index_storage();
    plan_removals();
    plan_storage();
    plan_targets();
    for (auto& op : enables_) {
      plan_.add(std::move(op));
    }
    return std::move(plan_);
  }

 private:
  bool kept_fabric(const std::string& f) const {
    return std::find(opt_.keep_fabrics.begin(), opt_.keep_fabrics.end(), f) !=
           opt_.keep_fabrics.end();
  }

  void index_storage() {
    if (c_.cfs.kind("core") == DirEntry::Kind::dir) {
      for (const auto& hba : c_.cfs.list("core")) {
        const auto us = hba.name.rfind('_');
        if (hba.kind != DirEntry::Kind::dir || us == std::string::npos) {
          continue;
        }
        const auto* bs = c_.schema.backstore_by_dir(hba.name.substr(0, us));
        if (bs == nullptr) {
          continue;
        }
        try {
          c_.used_hba.insert(static_cast<unsigned>(std::stoul(hba.name.substr(us + 1))));
        } catch (const std::exception&) {
          continue;
        }
        for (const auto& so : c_.cfs.list("core/" + hba.name)) {
          if (so.kind == DirEntry::Kind::dir) {
            c_.so_dirs["/backstores/" + bs->plugin + "/" + so.name] =
                "core/" + hba.name + "/" + so.name;
          }
        }
      }
    }
    for (const auto& so : live_.storage_objects) {
      const auto* want = desired_.find_storage_object(so.path());
      if (want == nullptr || !so.same_identity(*want)) {
        replaced_.insert(so.path());
      }
    }
  }

  std::unique_ptr<Operation> so_create(const StorageObject& so, const std::string& hba_dir,
                                       bool create_hba, bool fresh_wwn) {
    const auto* bs = c_.schema.backstore(so.plugin);
    return std::make_unique<CreateNode>(so.path(), so_desc(so),
                                        so_steps(so, *bs, hba_dir, create_hba, fresh_wwn, c_.cfs));
  }

  std::unique_ptr<Operation> lun_create(const std::string& tpg_dir, const std::string& name,
                                        const Lun& lun) {
    const auto dir = tpg_dir + "/lun/lun_" + std::to_string(lun.index);
    std::vector<Step> st;
    st.push_back({Step::Kind::mkdir, dir, {}, {}});
    const auto it = c_.so_dirs.find(lun.storage_object);
    const auto alias = lun.alias.empty() ? random_hex(10) : lun.alias;
    st.push_back({Step::Kind::link,
                  dir + "/" + alias,
                  it == c_.so_dirs.end() ? std::string() : it->second,
                  {}});
    if (lun.alua_tg_pt_gp_name && *lun.alua_tg_pt_gp_name != "default_tg_pt_gp") {
      st.push_back({Step::Kind::write, dir + "/alua_tg_pt_gp", *lun.alua_tg_pt_gp_name, {}});
    }
    return std::make_unique<CreateNode>(
        name + "/lun_" + std::to_string(lun.index),
        "LUN " + std::to_string(lun.index) + " in " + name + " -> " + lun.storage_object, st);
  }

  std::unique_ptr<Operation> mapped_create(const std::string& acl_dir, const std::string& tpg_dir,
                                           const std::string& acl_name, const MappedLun& ml,
                                           bool check_wp) {
    const auto dir = acl_dir + "/lun_" + std::to_string(ml.index);
    std::vector<Step> st;
    st.push_back({Step::Kind::mkdir, dir, {}, {}});
    const auto alias = ml.alias.empty() ? random_hex(10) : ml.alias;
    st.push_back({Step::Kind::link,
                  dir + "/" + alias,
                  tpg_dir + "/lun/lun_" + std::to_string(ml.tpg_lun),
                  {}});
    if (check_wp) {
      st.push_back({Step::Kind::ensure, dir + "/write_protect", ml.write_protect ? "1" : "0", {}});
    }
    return std::make_unique<CreateNode>(acl_name + "/lun_" + std::to_string(ml.index),
                                        "mapped LUN " + std::to_string(ml.index) + " of " +
                                            acl_name + " -> TPG LUN " + std::to_string(ml.tpg_lun),
                                        st);
  }

  std::unique_ptr<Operation> acl_create(const std::string& acl_dir, const std::string& acl_name,
                                        const NodeAcl& acl) {
    std::vector<Step> st;
    st.push_back({Step::Kind::mkdir, acl_dir, {}, {}});
    for (const auto& [k, v] : acl.attributes) {
      st.push_back({Step::Kind::ensure, acl_dir + "/attrib/" + k, attrs_text(v), {}});
    }
    if (acl.tag) {
      st.push_back({Step::Kind::ensure, acl_dir + "/tag", *acl.tag, {}});
    }
    add_auth_steps(st, acl_dir + "/auth", acl.auth, "chap_");
    return std::make_unique<CreateNode>(acl_name, "node ACL " + acl_name, st);
  }

  std::unique_ptr<Operation> tpg_create(const FabricSpec& f, const std::string& tpg_dir,
                                        const std::string& name, const Tpg& tpg, bool fresh) {
    std::vector<Step> st;
    st.push_back({Step::Kind::mkdir, tpg_dir, {}, {}});
    if (f.has("nexus") && fresh) {
      st.push_back({Step::Kind::write, tpg_dir + "/nexus", "naa.5001405" + random_hex(9), {}});
    }
    for (const auto& [k, v] : tpg.attributes) {
      st.push_back({Step::Kind::ensure, tpg_dir + "/attrib/" + k, attrs_text(v), {}});
    }
    for (const auto& [k, v] : tpg.parameters) {
      st.push_back({Step::Kind::ensure, tpg_dir + "/param/" + k, v, {}});
    }
    add_auth_steps(st, tpg_dir + "/auth", tpg.auth, "chap_");
    return std::make_unique<CreateNode>(name, "TPG " + name, st);
  }

  // ---- removals -------------------------------------------------------------------------

  void remove_acl_contents(const std::string& acl_dir, const std::string& tpg_dir,
                           const std::string& acl_name, const NodeAcl& acl,
                           const std::set<std::uint32_t>& keep) {
    for (const auto& ml : acl.mapped_luns) {
      if (keep.count(ml.index) == 0) {
        plan_.add(std::make_unique<Inverse>(mapped_create(acl_dir, tpg_dir, acl_name, ml, true)));
      }
    }
  }

  void remove_tpg(const FabricSpec& f, const Target& t, const Tpg& tpg) {
    const auto dir = cfs_path::tpg(c_.schema, t.fabric, t.wwn, tpg.tag);
    const auto name = t.tpg_path(tpg);
    if (tpg.enable && c_.cfs.exists(dir + "/enable")) {
      plan_.add(std::make_unique<SetValue>(name, dir + "/enable", "0", "enable of " + name));
    }
    for (const auto& acl : tpg.node_acls) {
      const auto adir = dir + "/acls/" + acl_key(c_.schema, t.fabric, acl.node_wwn);
      const auto aname = name + "/acls/" + acl.node_wwn;
      remove_acl_contents(adir, dir, aname, acl, {});
      plan_.add(std::make_unique<Inverse>(acl_create(adir, aname, acl)));
    }
    for (const auto& lun : tpg.luns) {
      plan_.add(std::make_unique<Inverse>(lun_create(dir, name, lun)));
    }
    for (const auto& p : tpg.portals) {
      plan_.add(std::make_unique<Inverse>(portal_create(dir, name, p)));
    }
    plan_.add(std::make_unique<Inverse>(tpg_create(f, dir, name, tpg, true)));
  }

  std::unique_ptr<Operation> portal_create(const std::string& tpg_dir, const std::string& name,
                                           const Portal& p) {
    const auto id = p.ip_address + ":" + std::to_string(p.port);
    const auto dir = tpg_dir + "/np/" + id;
    std::vector<Step> st;
    st.push_back({Step::Kind::mkdir, dir, {}, {}});
    if (p.iser) {
      st.push_back({Step::Kind::ensure, dir + "/iser", "1", {}});
    }
    if (p.offload) {
      st.push_back({Step::Kind::ensure, dir + "/cxgbit", "1", {}});
    }
    return std::make_unique<CreateNode>(name + "/np/" + id, "portal " + id + " in " + name, st);
  }

  void plan_removals() {
    std::map<TargetKey, const Target*> want;
    for (const auto& t : desired_.targets) {
      want[key_of(c_.schema, t)] = &t;
    }
    for (const auto& t : live_.targets) {
      if (kept_fabric(t.fabric)) {
        continue;
      }
      const auto f = c_.schema.fabric(t.fabric);
      const auto it = want.find(key_of(c_.schema, t));
      const Target* d = it == want.end() ? nullptr : it->second;
      for (const auto& tpg : t.tpgs) {
        const Tpg* dt = find_tpg(d, tpg.tag);
        if (dt == nullptr) {
          remove_tpg(f, t, tpg);
          continue;
        }
        remove_inside_tpg(t, tpg, *dt);
      }
      if (d == nullptr) {
        const auto dir = cfs_path::target(c_.schema, t.fabric, t.wwn);
        std::vector<Step> st{{Step::Kind::mkdir, dir, {}, {}}};
        for (const auto& [k, v] : t.parameters) {
          st.push_back({Step::Kind::ensure, dir + "/param/" + k, v, {}});
        }
        plan_.add(std::make_unique<Inverse>(std::make_unique<CreateNode>(
            t.fabric + "/" + t.wwn, "target " + t.fabric + "/" + t.wwn, st)));
      }
    }
    // Storage objects last: nothing refers to them any more.
    for (const auto& so : live_.storage_objects) {
      if (replaced_.count(so.path()) == 0) {
        continue;
      }
      const auto it = c_.so_dirs.find(so.path());
      if (it == c_.so_dirs.end()) {
        continue;
      }
      const auto hba = it->second.substr(0, it->second.rfind('/'));
      bool alone = true;
      for (const auto& [p, d] : c_.so_dirs) {
        if (p != so.path() && d.starts_with(hba + "/")) {
          alone = false;
        }
      }
      plan_.add(std::make_unique<Inverse>(so_create(so, hba, alone, false)));
    }
  }

  void remove_inside_tpg(const Target& t, const Tpg& tpg, const Tpg& dt) {
    const auto dir = cfs_path::tpg(c_.schema, t.fabric, t.wwn, tpg.tag);
    const auto name = t.tpg_path(tpg);
    if (tpg.enable && !dt.enable && c_.cfs.exists(dir + "/enable")) {
      plan_.add(std::make_unique<SetValue>(name, dir + "/enable", "0", "enable of " + name));
    }
    // LUNs that go or change.
    std::set<std::uint32_t> gone_luns;
    for (const auto& lun : tpg.luns) {
      const Lun* dl = nullptr;
      for (const auto& l : dt.luns) {
        if (l.index == lun.index) {
          dl = &l;
        }
      }
      if (dl == nullptr || dl->storage_object != lun.storage_object ||
          (!dl->alias.empty() && dl->alias != lun.alias) ||
          replaced_.count(lun.storage_object) != 0) {
        gone_luns.insert(lun.index);
      }
    }
    std::map<std::string, const NodeAcl*> want_acls;
    for (const auto& a : dt.node_acls) {
      want_acls[acl_key(c_.schema, t.fabric, a.node_wwn)] = &a;
    }
    for (const auto& acl : tpg.node_acls) {
      const auto key = acl_key(c_.schema, t.fabric, acl.node_wwn);
      const auto adir = dir + "/acls/" + key;
      const auto aname = name + "/acls/" + acl.node_wwn;
      const auto it = want_acls.find(key);
      if (it == want_acls.end()) {
        remove_acl_contents(adir, dir, aname, acl, {});
        plan_.add(std::make_unique<Inverse>(acl_create(adir, aname, acl)));
        continue;
      }
      std::set<std::uint32_t> keep;
      for (const auto& ml : acl.mapped_luns) {
        for (const auto& dm : it->second->mapped_luns) {
          if (dm.index == ml.index && dm.tpg_lun == ml.tpg_lun &&
              (dm.alias.empty() || dm.alias == ml.alias) && gone_luns.count(ml.tpg_lun) == 0) {
            keep.insert(ml.index);
          }
        }
      }
      remove_acl_contents(adir, dir, aname, acl, keep);
    }
    for (const auto& lun : tpg.luns) {
      if (gone_luns.count(lun.index) != 0) {
        plan_.add(std::make_unique<Inverse>(lun_create(dir, name, lun)));
      }
    }
    for (const auto& p : tpg.portals) {
      if (std::find_if(dt.portals.begin(), dt.portals.end(), [&](const Portal& q) {
            return q.ip_address == p.ip_address && q.port == p.port;
          }) == dt.portals.end()) {
        plan_.add(std::make_unique<Inverse>(portal_create(dir, name, p)));
      }
    }
  }

  // ---- creations ------------------------------------------------------------------------

  void plan_storage() {
    for (const auto& so : reversed(desired_.storage_objects)) {
      const auto* old = live_.find_storage_object(so.path());
      if (old != nullptr && replaced_.count(so.path()) == 0) {
        // Kept: set what differs.
        const auto& dir = c_.so_dirs[so.path()];
        const auto* bs = c_.schema.backstore(so.plugin);
        for (const auto& [k, v] : so.attributes) {
          auto it = old->attributes.find(k);
          const auto* spec = bs->find(k);
          if ((it == old->attributes.end() || it->second != v) &&
              (spec == nullptr || spec->access == Access::rw)) {
            plan_.add(std::make_unique<SetValue>(so.path(), dir + "/attrib/" + k, attrs_text(v),
                                                 so.path() + " attribute " + k));
          }
        }
        continue;
      }
      const auto hba = alloc_hba(c_);
      const auto* bs = c_.schema.backstore(so.plugin);
      const auto hba_dir = "core/" + bs->dir_prefix + "_" + std::to_string(hba);
      c_.so_dirs[so.path()] = hba_dir + "/" + so.name;
      plan_.add(so_create(so, hba_dir, true, true));
    }
  }

  void plan_targets() {
    std::map<TargetKey, const Target*> have;
    for (const auto& t : live_.targets) {
      have[key_of(c_.schema, t)] = &t;
    }
    std::set<std::string> fabric_dirs_made;
    for (const auto& t : reversed(desired_.targets)) {
      if (kept_fabric(t.fabric)) {
        continue;
      }
      const auto f = c_.schema.fabric(t.fabric);
      const auto it = have.find(key_of(c_.schema, t));
      const Target* lt = it == have.end() ? nullptr : it->second;
      const auto tdir = cfs_path::target(c_.schema, t.fabric, t.wwn);
      if (lt == nullptr) {
        std::vector<Step> st;
        if (fabric_dirs_made.insert(f.dir).second) {
          st.push_back({Step::Kind::mkdir_fabric, f.dir, {}, f.kernel_module});
        }
        st.push_back({Step::Kind::mkdir, tdir, {}, {}});
        for (const auto& [k, v] : t.attributes) {
          st.push_back({Step::Kind::ensure, tdir + "/attrib/" + k, attrs_text(v), {}});
        }
        for (const auto& [k, v] : t.parameters) {
          st.push_back({Step::Kind::ensure, tdir + "/param/" + k, v, {}});
        }
        plan_.add(std::make_unique<CreateNode>(t.fabric + "/" + t.wwn,
                                               "target " + t.fabric + "/" + t.wwn, st));
      } else {
        for (const auto& [k, v] : t.parameters) {
          auto it = lt->parameters.find(k);
          if (it == lt->parameters.end() || it->second != v) {
            plan_.add(std::make_unique<SetValue>(t.fabric + "/" + t.wwn, tdir + "/param/" + k, v,
                                                 t.fabric + "/" + t.wwn + " parameter " + k));
          }
        }
      }
      for (const auto& tpg : reversed(t.tpgs)) {
        plan_tpg(f, t, tpg, find_tpg(lt, tpg.tag));
      }
    }
  }

  void plan_tpg(const FabricSpec& f, const Target& t, const Tpg& tpg, const Tpg* lt) {
    const auto dir = cfs_path::tpg(c_.schema, t.fabric, t.wwn, tpg.tag);
    const auto name = t.tpg_path(tpg);
    if (lt == nullptr) {
      plan_.add(tpg_create(f, dir, name, tpg, true));
    } else {
      for (const auto& [k, v] : tpg.attributes) {
        auto it = lt->attributes.find(k);
        if (it == lt->attributes.end() || it->second != v) {
          plan_.add(std::make_unique<SetValue>(name, dir + "/attrib/" + k, attrs_text(v),
                                               name + " attribute " + k));
        }
      }
      for (const auto& [k, v] : tpg.parameters) {
        auto it = lt->parameters.find(k);
        if (it == lt->parameters.end() || it->second != v) {
          plan_.add(
              std::make_unique<SetValue>(name, dir + "/param/" + k, v, name + " parameter " + k));
        }
      }
      for (const auto& [k, v] : tpg.auth) {
        auto it = lt->auth.find(k);
        if (it == lt->auth.end() || it->second != v) {
          std::vector<Step> st;
          add_auth_steps(st, dir + "/auth", {{k, v}}, "chap_");
          for (const auto& s : st) {
            plan_.add(std::make_unique<SetValue>(name, s.path, s.value, name + " " + k));
          }
        }
      }
    }
    // LUNs
    for (const auto& lun : reversed(tpg.luns)) {
      const Lun* ll = nullptr;
      if (lt != nullptr) {
        for (const auto& l : lt->luns) {
          if (l.index == lun.index) {
            ll = &l;
          }
        }
      }
      const bool keep = ll != nullptr && ll->storage_object == lun.storage_object &&
                        (lun.alias.empty() || lun.alias == ll->alias) &&
                        replaced_.count(lun.storage_object) == 0;
      if (!keep) {
        plan_.add(lun_create(dir, name, lun));
      } else if (lun.alua_tg_pt_gp_name && ll->alua_tg_pt_gp_name != lun.alua_tg_pt_gp_name) {
        plan_.add(std::make_unique<SetValue>(
            name, dir + "/lun/lun_" + std::to_string(lun.index) + "/alua_tg_pt_gp",
            *lun.alua_tg_pt_gp_name, name + " LUN " + std::to_string(lun.index) + " ALUA group"));
      }
    }
    for (const auto& p : reversed(tpg.portals)) {
      const bool exists =
          lt != nullptr &&
          std::find_if(lt->portals.begin(), lt->portals.end(), [&](const Portal& q) {
            return q.ip_address == p.ip_address && q.port == p.port;
          }) != lt->portals.end();
      if (!exists) {
        plan_.add(portal_create(dir, name, p));
      }
    }
    // A new mapped LUN of an explicit ACL starts with write_protect equal to the TPG's
    // prod_mode_write_protect (target_fabric_mappedlun_link); only a different value is
    // written. A dynamic ACL (generate_node_acls=1, a live session) keeps its own: check.
    auto effective = [&](const char* attr, const char* dflt) {
      if (auto it = tpg.attributes.find(attr); it != tpg.attributes.end()) {
        return attrs_text(it->second);
      }
      if (lt != nullptr) {
        if (auto it = lt->attributes.find(attr); it != lt->attributes.end()) {
          return attrs_text(it->second);
        }
      }
      return std::string(dflt);
    };
    const bool sessions_possible = lt != nullptr && effective("generate_node_acls", "0") != "0";
    const bool default_wp = effective("prod_mode_write_protect", "0") != "0";
    for (const auto& acl : reversed(tpg.node_acls)) {
      const auto key = acl_key(c_.schema, t.fabric, acl.node_wwn);
      const auto adir = dir + "/acls/" + key;
      const auto aname = name + "/acls/" + acl.node_wwn;
      const NodeAcl* la = nullptr;
      if (lt != nullptr) {
        for (const auto& a : lt->node_acls) {
          if (acl_key(c_.schema, t.fabric, a.node_wwn) == key) {
            la = &a;
          }
        }
      }
      if (la == nullptr) {
        plan_.add(acl_create(adir, aname, acl));
      } else {
        for (const auto& [k, v] : acl.attributes) {
          auto it = la->attributes.find(k);
          if (it == la->attributes.end() || it->second != v) {
            plan_.add(std::make_unique<SetValue>(aname, adir + "/attrib/" + k, attrs_text(v),
                                                 aname + " attribute " + k));
          }
        }
        if (acl.tag && la->tag != acl.tag) {
          plan_.add(std::make_unique<SetValue>(aname, adir + "/tag", *acl.tag, aname + " tag"));
        }
        for (const auto& [k, v] : acl.auth) {
          auto it = la->auth.find(k);
          if (it == la->auth.end() || it->second != v) {
            std::vector<Step> st;
            add_auth_steps(st, adir + "/auth", {{k, v}}, "chap_");
            for (const auto& s : st) {
              plan_.add(std::make_unique<SetValue>(aname, s.path, s.value, aname + " " + k));
            }
          }
        }
      }
      for (const auto& ml : reversed(acl.mapped_luns)) {
        const MappedLun* lm = nullptr;
        if (la != nullptr) {
          for (const auto& m : la->mapped_luns) {
            if (m.index == ml.index) {
              lm = &m;
            }
          }
        }
        bool lun_replaced = false;
        if (lt != nullptr) {
          for (const auto& l : lt->luns) {
            if (l.index == ml.tpg_lun) {
              for (const auto& dl : tpg.luns) {
                if (dl.index == l.index && (dl.storage_object != l.storage_object ||
                                            (!dl.alias.empty() && dl.alias != l.alias) ||
                                            replaced_.count(dl.storage_object) != 0)) {
                  lun_replaced = true;
                }
              }
            }
          }
        }
        const bool keep = lm != nullptr && lm->tpg_lun == ml.tpg_lun &&
                          (ml.alias.empty() || ml.alias == lm->alias) && !lun_replaced;
        if (!keep) {
          plan_.add(mapped_create(adir, dir, aname, ml,
                                  sessions_possible || ml.write_protect != default_wp));
        } else if (lm->write_protect != ml.write_protect) {
          plan_.add(std::make_unique<SetValue>(
              aname, adir + "/lun_" + std::to_string(ml.index) + "/write_protect",
              ml.write_protect ? "1" : "0",
              aname + " mapped LUN " + std::to_string(ml.index) + " write_protect"));
        }
      }
    }
    // Fabrics without an enable switch (loopback) are always enabled.
    if (tpg.enable && (lt == nullptr || !lt->enable) && f.find(f.tpg_files, "enable") != nullptr) {
      enables_.push_back(
          std::make_unique<SetValue>(name, dir + "/enable", "1", "enable of " + name));
    }
  }

  const Config& live_;
  const Config& desired_;
  Ctx& c_;
  const DiffOptions& opt_;
  std::set<std::string> replaced_;
  Plan plan_;
  std::vector<std::unique_ptr<Operation>> enables_;
};

}  // namespace

Plan diff(const Config& live, const Config& desired, const Backend& cfs, const Schema& schema,
          const DiffOptions& opt) {
  Ctx ctx{schema, cfs, {}, {}, 0};
  Planner p(live, desired, ctx, opt);
  return p.run();
}

}  // namespace qlat
