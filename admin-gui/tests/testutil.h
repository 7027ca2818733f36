#pragma once
// Helpers for unit tests: temporary directories and configfs-like directory trees.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "qlat/model.h"

namespace qlat::test {

inline std::string source_dir() {
  return QLAT_SOURCE_DIR;
}
inline std::string fixture(const std::string& name) {
  return source_dir() + "/configfs-schema/fixtures/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "qlat-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = std::filesystem::canonical(tmpl).string();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Recreates a tree dump (configfs-schema/fixtures/*.tree.json) under `root`.
inline void materialize(const std::string& tree_json, const std::string& root) {
  namespace fs = std::filesystem;
  const auto doc = nlohmann::json::parse(slurp(tree_json));
  fs::create_directories(root);
  for (const auto& e : doc.at("entries")) {
    const auto path = fs::path(root) / e.at(0).get<std::string>();
    const auto kind = e.at(1).get<std::string>();
    const auto mode = static_cast<fs::perms>(std::stoi(e.at(2).get<std::string>(), nullptr, 8));
    if (kind == "dir") {
      fs::create_directories(path);
    } else if (kind == "link") {
      fs::create_symlink(fs::path(root) / e.at(3).get<std::string>(), path);
    } else {
      std::ofstream(path) << e.at(3).get<std::string>();
      fs::permissions(path, mode);
    }
  }
}

/// Everything under root that configfs would keep across a remove/recreate: directories,
/// links (with targets) and the files that are both readable and writable, with contents.
inline std::map<std::string, std::string> snapshot(const std::string& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> m;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const auto rel = fs::relative(it->path(), root).string();
    if (it->is_symlink()) {
      m[rel] = "link:" + fs::read_symlink(it->path()).string();
    } else if (it->is_directory()) {
      m[rel] = "dir";
    } else {
      const auto p = fs::status(it->path()).permissions();
      if ((p & fs::perms::owner_write) != fs::perms::none &&
          (p & fs::perms::owner_read) != fs::perms::none) {
        m[rel] = "file:" + slurp(it->path().string());
      }
    }
  }
  return m;
}

/// Lists sorted, so trees listed in different directory orders compare equal.
inline Config normalized(Config c) {
  auto by = [](auto key) {
    return [key](const auto& a, const auto& b) { return key(a) < key(b); };
  };
  std::sort(c.storage_objects.begin(), c.storage_objects.end(),
            by([](const StorageObject& s) { return s.path(); }));
  std::sort(c.targets.begin(), c.targets.end(),
            by([](const Target& t) { return t.fabric + t.wwn; }));
  for (auto& so : c.storage_objects) {
    std::sort(so.alua_tpgs.begin(), so.alua_tpgs.end(),
              by([](const AluaTpg& g) { return g.name; }));
  }
  for (auto& t : c.targets) {
    std::sort(t.tpgs.begin(), t.tpgs.end(), by([](const Tpg& g) { return g.tag; }));
    for (auto& g : t.tpgs) {
      std::sort(g.luns.begin(), g.luns.end(), by([](const Lun& l) { return l.index; }));
      std::sort(g.portals.begin(), g.portals.end(),
                by([](const Portal& p) { return p.ip_address + std::to_string(p.port); }));
      std::sort(g.node_acls.begin(), g.node_acls.end(),
                by([](const NodeAcl& a) { return a.node_wwn; }));
      for (auto& a : g.node_acls) {
        std::sort(a.mapped_luns.begin(), a.mapped_luns.end(),
                  by([](const MappedLun& m) { return m.index; }));
      }
    }
  }
  return c;
}

}  // namespace qlat::test
