#include "qlat/validate.h"

#include <algorithm>
#include <set>
#include <utility>

#include "qlat/wwn.h"

namespace qlat {

using nlohmann::json;

namespace {

json attr_json(const AttrValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return *i;
  }
  return std::get<std::string>(v);
}

class Checker {
 public:
  Checker(std::string file, const Schema& schema) : file_(std::move(file)), schema_(schema) {}

  void problem(const std::string& path, const std::string& reason) {
    out_.push_back({file_, path, reason});
  }

  void name(const std::string& path, const std::string& what, const std::string& value) {
    if (!is_safe_name(value)) {
      problem(path,
              what + " '" + value.substr(0, kNameMax) +
                  "' is not a valid name (empty, longer than 255 bytes, '/', '.', '..', blanks "
                  "or control characters)");
    }
  }

  void attrs(const std::string& path, const AttrMap& m, const std::vector<AttrSpec>& specs,
             bool open, const std::string& level) {
    for (const auto& [k, v] : m) {
      const auto p = path + "/" + k;
      const AttrSpec* spec = nullptr;
      for (const auto& s : specs) {
        if (s.name == k) {
          spec = &s;
        }
      }
      if (spec == nullptr) {
        if (!open) {
          problem(p, "unknown attribute '" + k + "' for " + level);
        } else if (!is_safe_name(k)) {
          problem(p, "attribute name '" + k + "' is not a valid name");
        }
        continue;
      }
      if (auto why = spec->check(attr_json(v))) {
        problem(p, *why);
      }
    }
  }

  void run(const Config& c) {
    std::set<std::string> so_paths;
    for (std::size_t i = 0; i < c.storage_objects.size(); ++i) {
      storage_object(c.storage_objects[i], "/storage_objects/" + std::to_string(i), so_paths);
    }
    std::set<std::pair<std::string, std::string>> targets;
    for (std::size_t i = 0; i < c.targets.size(); ++i) {
      target(c.targets[i], "/targets/" + std::to_string(i), so_paths, targets);
    }
    for (std::size_t i = 0; i < c.fabric_modules.size(); ++i) {
      const auto& fm = c.fabric_modules[i];
      const auto f = schema_.fabric(fm.name);
      if (!f.has("discovery_auth")) {
        problem("/fabric_modules/" + std::to_string(i) + "/name",
                "fabric '" + fm.name + "' has no discovery authentication");
      }
    }
  }

  std::vector<Problem> take() { return std::move(out_); }

 private:
  void storage_object(const StorageObject& so, const std::string& path,
                      std::set<std::string>& paths) {
    name(path + "/name", "storage object name", so.name);
    const auto* bs = schema_.backstore(so.plugin);
    if (bs == nullptr) {
      problem(path + "/plugin", "unknown backstore plugin '" + so.plugin + "'");
      return;
    }
    if (!paths.insert(so.path()).second) {
      problem(path + "/name", "duplicate storage object " + so.path());
    }
    attrs(path + "/attributes", so.attributes, bs->attrib, false, "backstore " + so.plugin);
    const bool needs_dev = so.plugin == "fileio" || so.plugin == "block" || so.plugin == "pscsi";
    if (needs_dev && (!so.dev || so.dev->empty())) {
      problem(path, "storage object " + so.path() + " has no 'dev'");
    } else if (needs_dev) {
      this->dev(so, *bs, path + "/dev");
    }
    if (so.config && so.config->find(',') != std::string::npos) {
      // dev_config=... is one option of the control file, which splits at ','.
      problem(path + "/config", "a ',' in 'config' would end the dev_config option");
    }
    if ((so.plugin == "ramdisk" || so.plugin == "user") && (!so.size || *so.size == 0)) {
      problem(path, "storage object " + so.path() + " needs a non-zero 'size'");
    }
    if (so.wwn && (so.wwn->find('/') != std::string::npos ||
                   find_control_char(*so.wwn) != std::string::npos)) {
      problem(path + "/wwn", "invalid unit serial '" + *so.wwn + "'");
    }
    std::set<std::string> groups;
    for (std::size_t i = 0; i < so.alua_tpgs.size(); ++i) {
      const auto& g = so.alua_tpgs[i];
      const auto gp = path + "/alua_tpgs/" + std::to_string(i);
      name(gp + "/name", "ALUA group", g.name);
      if (!groups.insert(g.name).second) {
        problem(gp + "/name", "duplicate ALUA group '" + g.name + "'");
      }
      for (const auto& [k, v] : g.values) {
        bool known = false;
        for (const auto& s : schema_.alua_tg_pt_gp()) {
          if (s.name == k) {
            known = true;
            if (auto why = s.check(json(v))) {
              problem(gp + "/" + k, *why);
            }
          }
        }
        if (!known) {
          problem(gp + "/" + k, "unknown ALUA group attribute '" + k + "'");
        }
      }
    }
  }

  /// A backstore's 'dev': bounded by what its control file keeps, free of control
  /// characters and of the ',' that separates the control file's options (the kernel would
  /// read "/a,fd_dev_size=1" as a path and a size), absolute for fileio and block.
  void dev(const StorageObject& so, const BackstoreSpec& bs, const std::string& path) {
    const auto& d = *so.dev;
    if (bs.dev_max_length != 0 && d.size() > bs.dev_max_length) {
      problem(path, "'dev' of " + std::to_string(d.size()) + " bytes is longer than the " +
                        std::to_string(bs.dev_max_length) + " a " + so.plugin + " backstore holds");
      return;
    }
    if (const auto at = find_control_char(d); at != std::string::npos) {
      problem(path, "'dev' has a control character at offset " + std::to_string(at));
      return;
    }
    if (d.find(',') != std::string::npos) {
      problem(path, "'dev' has a ',', which the control file reads as the end of the path: " + d);
    } else if (so.plugin != "pscsi" && !d.starts_with("/")) {
      problem(path, "'dev' must be an absolute path: " + d);
    }
  }

  void target(const Target& t, const std::string& path, const std::set<std::string>& so_paths,
              std::set<std::pair<std::string, std::string>>& seen) {
    name(path + "/fabric", "fabric", t.fabric);
    const auto f = schema_.fabric(t.fabric);
    const auto w = Wwn::parse(t.wwn, f.wwn_types);
    if (!w) {
      json types = f.wwn_types;
      problem(path + "/wwn", "'" + t.wwn + "' is not a valid WWN for fabric " + t.fabric + " (" +
                                 types.dump() + ")");
    } else if (!seen.insert({t.fabric, w->str()}).second) {
      problem(path + "/wwn", "duplicate target " + t.fabric + "/" + w->str());
    }
    attrs(path + "/attributes", t.attributes, schema_.target_attrib(), f.open_attributes,
          "a " + t.fabric + " target");
    for (const auto& [k, v] : t.parameters) {
      const AttrSpec* spec = nullptr;
      for (const auto& s : schema_.target_param()) {
        if (s.name == k) {
          spec = &s;
        }
      }
      if (spec == nullptr && !f.open_attributes) {
        problem(path + "/parameters/" + k, "unknown parameter '" + k + "' for a target");
      } else if (spec != nullptr) {
        if (auto why = spec->check(json(v))) {
          problem(path + "/parameters/" + k, *why);
        }
      }
    }
    if (!f.has("tpgts") && t.tpgs.size() > 1) {
      problem(path + "/tpgs", "fabric " + t.fabric + " allows a single TPG");
    }
    std::set<std::uint32_t> tags;
    for (std::size_t i = 0; i < t.tpgs.size(); ++i) {
      const auto& tpg = t.tpgs[i];
      const auto tp = path + "/tpgs/" + std::to_string(i);
      if (!tags.insert(tpg.tag).second) {
        problem(tp + "/tag", "duplicate TPG tag " + std::to_string(tpg.tag));
      }
      if (!f.tpgt_only.empty() && std::find(f.tpgt_only.begin(), f.tpgt_only.end(),
                                            static_cast<int>(tpg.tag)) == f.tpgt_only.end()) {
        problem(tp + "/tag",
                "fabric " + t.fabric + " only has tpgt_" + std::to_string(f.tpgt_only.front()));
      }
      this->tpg(tpg, tp, f, so_paths);
    }
  }

  void tpg(const Tpg& tpg, const std::string& tp, const FabricSpec& f,
           const std::set<std::string>& so_paths) {
    attrs(tp + "/attributes", tpg.attributes, f.tpg_attrib, f.open_attributes,
          "a " + f.name + " TPG");
    for (const auto& [k, v] : tpg.parameters) {
      const auto* spec = f.find(f.tpg_param, k);
      if (spec == nullptr && !f.open_attributes) {
        problem(tp + "/parameters/" + k, "unknown parameter '" + k + "' for a " + f.name + " TPG");
      } else if (spec != nullptr) {
        if (auto why = spec->check(json(v))) {
          problem(tp + "/parameters/" + k, *why);
        }
      }
    }
    if (!tpg.auth.empty() && !f.has("auth")) {
      problem(tp, "fabric " + f.name + " has no authentication settings");
    }
    std::set<std::uint32_t> luns;
    for (std::size_t i = 0; i < tpg.luns.size(); ++i) {
      const auto& lun = tpg.luns[i];
      const auto lp = tp + "/luns/" + std::to_string(i);
      if (lun.index > static_cast<std::uint32_t>(schema_.lun_index_max())) {
        problem(lp + "/index", "LUN index " + std::to_string(lun.index) + " is above " +
                                   std::to_string(schema_.lun_index_max()));
      }
      if (!luns.insert(lun.index).second) {
        problem(lp + "/index", "duplicate LUN index " + std::to_string(lun.index));
      }
      if (!lun.alias.empty()) {
        name(lp + "/alias", "LUN alias", lun.alias);
      }
      if (so_paths.count(lun.storage_object) == 0) {
        problem(lp + "/storage_object", "LUN " + std::to_string(lun.index) +
                                            " points at a missing storage object " +
                                            lun.storage_object);
      }
    }
    if (!tpg.portals.empty() && !f.has("nps")) {
      problem(tp + "/portals", "fabric " + f.name + " has no network portals");
    }
    std::set<std::string> portals;
    for (std::size_t i = 0; i < tpg.portals.size(); ++i) {
      const auto& p = tpg.portals[i];
      if (!portals.insert(p.ip_address + ":" + std::to_string(p.port)).second) {
        problem(tp + "/portals/" + std::to_string(i), "duplicate portal");
      }
    }
    if (!tpg.node_acls.empty() && !f.has("acls")) {
      problem(tp + "/node_acls", "fabric " + f.name + " has no node ACLs");
    }
    std::set<std::string> acls;
    for (std::size_t i = 0; i < tpg.node_acls.size(); ++i) {
      const auto& acl = tpg.node_acls[i];
      const auto ap = tp + "/node_acls/" + std::to_string(i);
      auto types = f.wwn_types;
      if (f.name == "qla2xxx_npiv") {
        types = {"naa"};
      }
      const auto w = Wwn::parse(acl.node_wwn, types);
      if (!w) {
        problem(ap + "/node_wwn",
                "'" + acl.node_wwn + "' is not a valid initiator WWN for fabric " + f.name);
      } else if (!acls.insert(w->str()).second) {
        problem(ap + "/node_wwn", "duplicate node ACL " + w->str());
      }
      attrs(ap + "/attributes", acl.attributes, f.acl_attrib, f.open_attributes,
            "a " + f.name + " node ACL");
      if (!acl.auth.empty() && !f.has("auth")) {
        problem(ap, "fabric " + f.name + " has no authentication settings");
      }
      std::set<std::uint32_t> mls;
      for (std::size_t k = 0; k < acl.mapped_luns.size(); ++k) {
        const auto& ml = acl.mapped_luns[k];
        const auto mp = ap + "/mapped_luns/" + std::to_string(k);
        if (ml.index > static_cast<std::uint32_t>(schema_.mapped_lun_index_max())) {
          problem(mp + "/index", "mapped LUN index " + std::to_string(ml.index) + " is above " +
                                     std::to_string(schema_.mapped_lun_index_max()));
        }
        if (!mls.insert(ml.index).second) {
          problem(mp + "/index", "duplicate mapped LUN index " + std::to_string(ml.index));
        }
        if (luns.count(ml.tpg_lun) == 0) {
          problem(mp + "/tpg_lun", "mapped LUN points at TPG LUN " + std::to_string(ml.tpg_lun) +
                                       ", which is not defined");
        }
        if (!ml.alias.empty()) {
          name(mp + "/alias", "mapped LUN alias", ml.alias);
        }
      }
    }
  }

  std::string file_;
  const Schema& schema_;
  std::vector<Problem> out_;
};

}  // namespace

bool is_safe_name(const std::string& name) {
  return !name.empty() && name.size() <= kNameMax && name != "." && name != ".." &&
         name.find_first_of("/ ") == std::string::npos &&
         find_control_char(name) == std::string::npos;
}

std::vector<Problem> validate(const Config& config, const std::string& file, const Schema& schema) {
  Checker c(file, schema);
  c.run(config);
  return c.take();
}

void validate_or_throw(const Config& config, const std::string& file, const Schema& schema) {
  auto problems = validate(config, file, schema);
  if (!problems.empty()) {
    throw ValidationError(std::move(problems));
  }
}

}  // namespace qlat
