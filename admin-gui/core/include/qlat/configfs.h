#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlat {

/// One directory entry, in the order the file system lists it (rtslib keeps that order).
struct DirEntry {
  enum class Kind { dir, file, link, other };
  std::string name;
  Kind kind = Kind::other;
};

/// What a path outside configfs is: a backstore's file or block device.
enum class HostKind { missing, file, block_device, directory, other };

/// The narrow set of operations qlat performs on configfs. Paths are relative to the
/// backend's root ("core/fileio_0/disk0"); a backend never touches anything outside it.
/// Every failure throws SysError naming the path and keeping errno.
class Backend {
 public:
  virtual ~Backend() = default;
  Backend() = default;
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  virtual std::vector<DirEntry> list(const std::string& path) const = 0;
  virtual std::optional<DirEntry::Kind> kind(const std::string& path) const = 0;
  /// Reads a file, whitespace at both ends stripped (as rtslib's fread does).
  virtual std::string read(const std::string& path) const = 0;
  /// Whether the owner may write / read the file (rtslib saves attributes that are both).
  virtual bool writable_and_readable(const std::string& path) const = 0;
  /// The link's target as a path relative to the root, resolved lexically.
  virtual std::string resolve_link(const std::string& path) const = 0;

  virtual void write(const std::string& path, std::string_view value) = 0;
  virtual void make_dir(const std::string& path) = 0;
  virtual void remove_dir(const std::string& path) = 0;
  /// Creates a link at `path` pointing at `target` (both relative to the root).
  virtual void link(const std::string& target, const std::string& path) = 0;
  virtual void unlink(const std::string& path) = 0;

  /// A human-readable location for messages (the root directory).
  virtual std::string where() const = 0;

  // The host beside configfs, which a plan also reads and changes: the files and block
  // devices backstores name, the SCSI devices of pscsi, the fabrics' kernel modules.

  /// What the absolute host path is (stat(), following links); nullopt when this backend
  /// has no host to ask (a stand-in for configfs).
  virtual std::optional<HostKind> host_kind(const std::string& path) const = 0;
  /// The SCSI address ("H:C:T:L") of a block device node such as /dev/sdb; nullopt when it
  /// is not a SCSI device or the backend cannot tell.
  virtual std::optional<std::string> scsi_address(const std::string& dev) const = 0;
  /// Loads a fabric's kernel module; throws Error naming the module when that fails.
  virtual void load_module(const std::string& name) = 0;

  bool exists(const std::string& path) const { return kind(path).has_value(); }
};

/// The real thing: POSIX calls on a root directory, e.g. /sys/kernel/config/target.
/// When the root is an ordinary directory (tests), remove_dir also deletes the attribute
/// files a configfs directory would drop by itself, and refuses if links remain inside.
class FsBackend final : public Backend {
 public:
  explicit FsBackend(std::string root);
  std::vector<DirEntry> list(const std::string& path) const override;
  std::optional<DirEntry::Kind> kind(const std::string& path) const override;
  std::string read(const std::string& path) const override;
  bool writable_and_readable(const std::string& path) const override;
  std::string resolve_link(const std::string& path) const override;
  void write(const std::string& path, std::string_view value) override;
  void make_dir(const std::string& path) override;
  void remove_dir(const std::string& path) override;
  void link(const std::string& target, const std::string& path) override;
  void unlink(const std::string& path) override;
  std::string where() const override { return root_; }
  /// On configfs: stat() of the path. On an ordinary directory (tests): nullopt.
  std::optional<HostKind> host_kind(const std::string& path) const override;
  /// On configfs: /sys/class/block/NAME/device. On an ordinary directory: nullopt.
  std::optional<std::string> scsi_address(const std::string& dev) const override;
  /// On configfs: /sbin/modprobe -q NAME (a fixed program and argument list), an Error if it
  /// does not exit 0. On an ordinary directory, where a fabric directory is made like any
  /// other: nothing.
  void load_module(const std::string& name) override;
  const std::string& root() const { return root_; }
  bool is_configfs() const { return configfs_; }

 private:
  std::string abs(const std::string& path) const;
  std::string root_;
  bool configfs_ = false;
};

/// Wraps a backend and fails the Nth change (write, mkdir, rmdir, link, unlink, loading a
/// module) with EIO, or every change to a path (or module) containing a given text: for
/// failure-injection tests. Host queries go to the wrapped backend.
class FaultBackend final : public Backend {
 public:
  explicit FaultBackend(Backend& inner) : inner_(inner) {}
  void fail_at(std::size_t nth_change) { fail_at_ = nth_change; }
  void fail_on(std::string path_part) { fail_on_ = std::move(path_part); }
  std::size_t changes() const { return changes_; }

  std::vector<DirEntry> list(const std::string& p) const override { return inner_.list(p); }
  std::optional<DirEntry::Kind> kind(const std::string& p) const override { return inner_.kind(p); }
  std::string read(const std::string& p) const override { return inner_.read(p); }
  bool writable_and_readable(const std::string& p) const override {
    return inner_.writable_and_readable(p);
  }
  std::string resolve_link(const std::string& p) const override { return inner_.resolve_link(p); }
  void write(const std::string& p, std::string_view v) override;
  void make_dir(const std::string& p) override;
  void remove_dir(const std::string& p) override;
  void link(const std::string& t, const std::string& p) override;
  void unlink(const std::string& p) override;
  std::string where() const override { return inner_.where(); }
  std::optional<HostKind> host_kind(const std::string& p) const override {
    return inner_.host_kind(p);
  }
  std::optional<std::string> scsi_address(const std::string& d) const override {
    return inner_.scsi_address(d);
  }
  void load_module(const std::string& name) override;

 private:
  void maybe_fail(const char* what, const std::string& path);
  Backend& inner_;
  std::size_t changes_ = 0;
  std::size_t fail_at_ = 0;  ///< 1-based; 0 = never
  std::string fail_on_;
};

/// Checks that a relative path stays inside the root: no empty, "." or ".." components.
void check_confined(const std::string& path);

}  // namespace qlat
