#pragma once
// An in-memory Backend that behaves as FsBackend does on an ordinary directory: written
// files and default groups appear on demand, removing a directory takes its files with it
// but is refused while a link is inside, and a directory lists its newest entry first, as
// configfs does. The stand-in for configfs where there is none: qlat-admin's demo mode
// plans and applies on it, and the unit tests and fuzz targets run plans on it.
#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qlat/configfs.h"
#include "qlat/error.h"

namespace qlat {

class MemBackend final : public Backend {
 public:
  MemBackend() { nodes_[""] = {DirEntry::Kind::dir, {}, seq_++}; }

  std::vector<DirEntry> list(const std::string& path) const override {
    check_confined(path);
    const auto* n = find(path);
    if (n == nullptr || n->kind != DirEntry::Kind::dir) {
      throw SysError("cannot list", path, n == nullptr ? ENOENT : ENOTDIR);
    }
    std::multimap<std::uint64_t, DirEntry, std::greater<>> by_age;
    const auto prefix = path.empty() ? std::string() : walk(path) + "/";
    for (auto it = nodes_.lower_bound(prefix); it != nodes_.end(); ++it) {
      if (!it->first.starts_with(prefix)) {
        break;
      }
      const auto rest = std::string_view(it->first).substr(prefix.size());
      if (!rest.empty() && rest.find('/') == std::string_view::npos) {
        by_age.emplace(it->second.seq, DirEntry{std::string(rest), it->second.kind});
      }
    }
    std::vector<DirEntry> out;
    for (auto& [seq, e] : by_age) {
      out.push_back(std::move(e));
    }
    return out;
  }

  std::optional<DirEntry::Kind> kind(const std::string& path) const override {
    check_confined(path);
    const auto* n = find(path);
    return n == nullptr ? std::nullopt : std::optional(n->kind);
  }

  std::string read(const std::string& path) const override {
    check_confined(path);
    const auto* n = follow(path);
    if (n == nullptr || n->kind != DirEntry::Kind::file) {
      throw SysError("cannot open", path, n == nullptr ? ENOENT : EISDIR);
    }
    return strip(n->value);
  }

  bool writable_and_readable(const std::string& path) const override {
    check_confined(path);
    return follow(path) != nullptr;
  }

  std::string resolve_link(const std::string& path) const override {
    check_confined(path);
    const auto* n = find(path);
    if (n == nullptr || n->kind != DirEntry::Kind::link) {
      throw SysError("cannot read link", path, n == nullptr ? ENOENT : EINVAL);
    }
    return n->value;
  }

  void write(const std::string& path, std::string_view value) override {
    check_confined(path);
    default_group(path);
    auto* n = find(path);
    if (n != nullptr && n->kind == DirEntry::Kind::link) {
      n = const_cast<Node*>(follow(path));
      if (n == nullptr) {
        throw SysError("cannot open for writing", path, ENOENT);
      }
    }
    if (n != nullptr) {
      if (n->kind != DirEntry::Kind::file) {
        throw SysError("cannot open for writing", path, EISDIR);
      }
      n->value = std::string(value);
      ++changes_;
      return;
    }
    need_parent(path, "cannot open for writing");
    nodes_[walk(path)] = {DirEntry::Kind::file, std::string(value), seq_++};
    ++changes_;
  }

  void make_dir(const std::string& path) override {
    check_confined(path);
    default_group(path);
    if (find(path) != nullptr) {
      throw SysError("cannot create", path, EEXIST);
    }
    if (const auto it = fabric_modules_.find(path);
        it != fabric_modules_.end() && loaded_.count(it->second) == 0) {
      throw SysError("cannot create", path, ENOENT);  // as configfs without the fabric
    }
    need_parent(path, "cannot create");
    nodes_[walk(path)] = {DirEntry::Kind::dir, {}, seq_++};
    ++changes_;
  }

  void remove_dir(const std::string& path) override {
    check_confined(path);
    const auto* n = find(path);
    if (n == nullptr || n->kind != DirEntry::Kind::dir || path.empty()) {
      throw SysError("cannot remove", path, n == nullptr ? ENOENT : ENOTDIR);
    }
    const auto at = walk(path);
    const auto prefix = at + "/";
    auto end = nodes_.lower_bound(prefix);
    while (end != nodes_.end() && end->first.starts_with(prefix)) {
      if (end->second.kind == DirEntry::Kind::link) {
        throw SysError("cannot remove", path, ENOTEMPTY);
      }
      ++end;
    }
    nodes_.erase(nodes_.find(at), end);
    ++changes_;
  }

  void link(const std::string& target, const std::string& path) override {
    check_confined(target);
    check_confined(path);
    if (find(path) != nullptr) {
      throw SysError("cannot link " + target + " at", path, EEXIST);
    }
    need_parent(path, "cannot link " + target + " at");
    nodes_[walk(path)] = {DirEntry::Kind::link, target, seq_++};
    ++changes_;
  }

  void unlink(const std::string& path) override {
    check_confined(path);
    const auto* n = find(path);
    if (n == nullptr || n->kind == DirEntry::Kind::dir) {
      throw SysError("cannot unlink", path, n == nullptr ? ENOENT : EISDIR);
    }
    nodes_.erase(walk(path));
    ++changes_;
  }

  std::string where() const override { return "memory"; }

  // The host beside configfs. A path never given to set_host is unknown (nullopt), as to a
  // stand-in for configfs; no fabric needs a module unless needs_module() says so.

  std::optional<HostKind> host_kind(const std::string& path) const override {
    const auto it = host_.find(path);
    return it == host_.end() ? std::nullopt : std::optional(it->second.kind);
  }
  std::optional<std::string> scsi_address(const std::string& dev) const override {
    const auto it = host_.find(dev);
    if (it == host_.end() || it->second.scsi.empty()) {
      return std::nullopt;
    }
    return it->second.scsi;
  }
  void load_module(const std::string& name) override {
    modules_asked_.push_back(name);
    if (broken_.count(name) != 0) {
      throw Error("modprobe " + name + " failed (exit status 1)");
    }
    loaded_.insert(name);
    ++changes_;
  }

  /// What host_kind() and scsi_address() say of a host path from now on.
  void set_host(const std::string& path, HostKind kind, std::string scsi = {}) {
    host_[path] = {kind, std::move(scsi)};
  }
  /// The top-level directory `dir` can be made only once `module` is loaded.
  void needs_module(const std::string& dir, const std::string& module) {
    fabric_modules_[dir] = module;
  }
  /// Loading `module` fails.
  void break_module(const std::string& module) { broken_.insert(module); }
  /// Every load_module() call, in order.
  const std::vector<std::string>& modules_asked() const { return modules_asked_; }
  /// How many changes were made (writes, directories and links made or removed, modules
  /// loaded), undone ones included.
  std::uint64_t changes() const { return changes_; }

 private:
  struct HostPath {
    HostKind kind = HostKind::missing;
    std::string scsi;
  };
  std::map<std::string, HostPath> host_;
  std::map<std::string, std::string> fabric_modules_;
  std::set<std::string> loaded_, broken_;
  std::vector<std::string> modules_asked_;
  std::uint64_t changes_ = 0;

  struct Node {
    DirEntry::Kind kind = DirEntry::Kind::other;
    std::string value;  ///< a file's contents, a link's target
    std::uint64_t seq = 0;
  };

  static std::string strip(const std::string& s) {
    const auto* ws = " \t\n\r\f\v";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) {
      return {};
    }
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
  }

  static std::string parent(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  }

  /// The path with every link before its last component replaced by its target, as the
  /// kernel walks a path.
  std::string walk(const std::string& path) const {
    std::string cur;
    std::size_t start = 0;
    while (true) {
      const auto slash = path.find('/', start);
      cur += (cur.empty() ? "" : "/") + path.substr(start, slash - start);
      if (slash == std::string::npos) {
        return cur;
      }
      const auto it = nodes_.find(cur);
      if (it != nodes_.end() && it->second.kind == DirEntry::Kind::link) {
        cur = it->second.value;
      }
      start = slash + 1;
    }
  }

  const Node* find(const std::string& path) const {
    const auto it = nodes_.find(walk(path));
    return it == nodes_.end() ? nullptr : &it->second;
  }
  Node* find(const std::string& path) {
    const auto it = nodes_.find(walk(path));
    return it == nodes_.end() ? nullptr : &it->second;
  }

  /// The node a path names, through one link (links here point at directories).
  const Node* follow(const std::string& path) const {
    const auto* n = find(path);
    if (n != nullptr && n->kind == DirEntry::Kind::link) {
      n = find(n->value);
    }
    return n;
  }

  /// FsBackend on a plain directory: a missing parent of an existing directory appears
  /// (a default group: attrib/, lun/, acls/...), except at the top level.
  void default_group(const std::string& path) {
    const auto p = parent(path);
    if (p.empty() || find(p) != nullptr) {
      return;
    }
    const auto* pp = find(parent(p));
    if (pp != nullptr && pp->kind == DirEntry::Kind::dir) {
      nodes_[p] = {DirEntry::Kind::dir, {}, seq_++};
    }
  }

  void need_parent(const std::string& path, const std::string& what) const {
    const auto* p = find(parent(path));
    if (p == nullptr || p->kind != DirEntry::Kind::dir) {
      throw SysError(what, path, p == nullptr ? ENOENT : ENOTDIR);
    }
  }

  std::map<std::string, Node> nodes_;
  std::uint64_t seq_ = 0;
};

}  // namespace qlat
