#include "qlat/configfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <string_view>
#include <vector>

#include "qlat/error.h"

namespace qlat {

namespace {

constexpr long kConfigfsMagic = 0x62656570;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string strip(const std::string& s) {
  const auto* ws = " \t\n\r\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) {
    return {};
  }
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

/// The components of `path` between its slashes, empty ones included ("/a//b/" gives "", "a",
/// "", "b", ""). They view `path`, which must outlive them.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

/// Lexical normalization of an absolute path ("." and ".." resolved, no file system access).
std::string normalize(const std::string& path) {
  std::vector<std::string_view> parts;
  for (const auto part : split_path(path)) {
    if (part == "..") {
      if (!parts.empty()) {
        parts.pop_back();
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
  }
  std::string out;
  for (const auto& part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? "/" : out;
}

}  // namespace

void check_confined(const std::string& path) {
  if (path.empty()) {
    return;
  }
  if (path.front() == '/') {
    throw Error("path escapes the configfs root: " + path);
  }
  for (const auto part : split_path(path)) {
    if (part.empty() || part == "." || part == "..") {
      throw Error("path escapes the configfs root: " + path);
    }
  }
}

FsBackend::FsBackend(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') {
    root_.pop_back();
  }
  struct statfs sfs {};
  if (::statfs(root_.c_str(), &sfs) == 0) {
    configfs_ = static_cast<long>(sfs.f_type) == kConfigfsMagic;
  }
}

std::string FsBackend::abs(const std::string& path) const {
  check_confined(path);
  return path.empty() ? root_ : root_ + "/" + path;
}

std::vector<DirEntry> FsBackend::list(const std::string& path) const {
  const auto p = abs(path);
  DIR* d = ::opendir(p.c_str());
  if (d == nullptr) {
    throw SysError("cannot list", p, errno);
  }
  std::vector<DirEntry> out;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") {
      continue;
    }
    DirEntry de{name, DirEntry::Kind::other};
    unsigned char t = e->d_type;
    if (t == DT_UNKNOWN) {
      struct stat st {};
      if (::lstat((p + "/" + name).c_str(), &st) == 0) {
        t = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
      }
    }
    de.kind = t == DT_DIR   ? DirEntry::Kind::dir
              : t == DT_LNK ? DirEntry::Kind::link
              : t == DT_REG ? DirEntry::Kind::file
                            : DirEntry::Kind::other;
    out.push_back(std::move(de));
  }
  ::closedir(d);
  return out;
}

std::optional<DirEntry::Kind> FsBackend::kind(const std::string& path) const {
  struct stat st {};
  if (::lstat(abs(path).c_str(), &st) != 0) {
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    return DirEntry::Kind::dir;
  }
  if (S_ISLNK(st.st_mode)) {
    return DirEntry::Kind::link;
  }
  return S_ISREG(st.st_mode) ? DirEntry::Kind::file : DirEntry::Kind::other;
}

std::string FsBackend::read(const std::string& path) const {
  const auto p = abs(path);
  Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.fd < 0) {
    throw SysError("cannot open", p, errno);
  }
  std::string out;
  std::array<char, 4096> buf{};
  for (;;) {
    const auto n = ::read(fd.fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw SysError("cannot read", p, errno);
    }
    if (n == 0) {
      break;
    }
    out.append(buf.data(), static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) < buf.size()) {
      break;  // a short read is the end: saves a syscall per attribute (configfs: one page)
    }
  }
  return strip(out);
}

bool FsBackend::writable_and_readable(const std::string& path) const {
  struct stat st {};
  if (::stat(abs(path).c_str(), &st) != 0) {
    return false;
  }
  return (st.st_mode & S_IWUSR) != 0 && (st.st_mode & S_IRUSR) != 0;
}

std::string FsBackend::resolve_link(const std::string& path) const {
  const auto p = abs(path);
  std::array<char, 4096> buf{};
  const auto n = ::readlink(p.c_str(), buf.data(), buf.size() - 1);
  if (n < 0) {
    throw SysError("cannot read link", p, errno);
  }
  const std::string target(buf.data(), static_cast<std::size_t>(n));
  const auto norm =
      normalize(target.starts_with('/') ? target : p.substr(0, p.rfind('/') + 1) + target);
  const auto prefix = root_ + "/";
  if (!norm.starts_with(prefix)) {
    throw Error("link " + p + " points outside the configfs root: " + target);
  }
  return norm.substr(prefix.size());
}

void FsBackend::write(const std::string& path, std::string_view value) {
  const auto p = abs(path);
  if (!configfs_) {
    // A plain directory: attribute files (and their default groups) appear when written.
    // Only a missing default group (attrib/, auth/, ...) of an existing object is created.
    const auto parent = std::filesystem::path(p).parent_path();
    std::error_code ec;
    if (!std::filesystem::exists(parent, ec) &&
        std::filesystem::is_directory(parent.parent_path(), ec)) {
      std::filesystem::create_directory(parent, ec);
    }
  }
  Fd fd(::open(p.c_str(), O_WRONLY | O_CLOEXEC | (configfs_ ? 0 : O_CREAT | O_TRUNC), 0644));
  if (fd.fd < 0) {
    throw SysError("cannot open for writing", p, errno);
  }
  // configfs takes one write per value; a short write is an error.
  const auto n = ::write(fd.fd, value.data(), value.size());
  if (n < 0) {
    throw SysError("cannot write '" + std::string(value) + "' to", p, errno);
  }
  if (static_cast<std::size_t>(n) != value.size()) {
    throw SysError("short write to", p, EIO);
  }
}

void FsBackend::make_dir(const std::string& path) {
  const auto p = abs(path);
  if (!configfs_) {
    // A plain directory: create the default group (lun/, acls/, np/, alua/) configfs has.
    const auto parent = std::filesystem::path(p).parent_path();
    std::error_code ec;
    if (!std::filesystem::exists(parent, ec) &&
        std::filesystem::is_directory(parent.parent_path(), ec) && parent != root_) {
      std::filesystem::create_directory(parent, ec);
    }
  }
  if (::mkdir(p.c_str(), 0755) != 0) {
    throw SysError("cannot create", p, errno);
  }
}

void FsBackend::remove_dir(const std::string& path) {
  const auto p = abs(path);
  if (!configfs_) {
    // An ordinary directory standing in for configfs: attribute files and default groups go
    // with the directory, but a link inside means something still refers to it.
    for (const auto& e : std::filesystem::recursive_directory_iterator(p)) {
      if (e.is_symlink()) {
        throw SysError("cannot remove", p, ENOTEMPTY);
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(p, ec);
    if (ec) {
      throw SysError("cannot remove", p, ec.value());
    }
    return;
  }
  if (::rmdir(p.c_str()) != 0) {
    throw SysError("cannot remove", p, errno);
  }
}

void FsBackend::link(const std::string& target, const std::string& path) {
  const auto p = abs(path);
  if (::symlink(abs(target).c_str(), p.c_str()) != 0) {
    throw SysError("cannot link " + target + " at", p, errno);
  }
}

void FsBackend::unlink(const std::string& path) {
  const auto p = abs(path);
  if (::unlink(p.c_str()) != 0) {
    throw SysError("cannot unlink", p, errno);
  }
}

void FaultBackend::maybe_fail(const char* what, const std::string& path) {
  ++changes_;
  if ((fail_at_ != 0 && changes_ == fail_at_) ||
      (!fail_on_.empty() && path.find(fail_on_) != std::string::npos)) {
    throw SysError(std::string("injected failure: ") + what, inner_.where() + "/" + path, EIO);
  }
}

void FaultBackend::write(const std::string& p, std::string_view v) {
  maybe_fail("write", p);
  inner_.write(p, v);
}
void FaultBackend::make_dir(const std::string& p) {
  maybe_fail("mkdir", p);
  inner_.make_dir(p);
}
void FaultBackend::remove_dir(const std::string& p) {
  maybe_fail("rmdir", p);
  inner_.remove_dir(p);
}
void FaultBackend::link(const std::string& t, const std::string& p) {
  maybe_fail("link", p);
  inner_.link(t, p);
}
void FaultBackend::unlink(const std::string& p) {
  maybe_fail("unlink", p);
  inner_.unlink(p);
}

void FaultBackend::load_module(const std::string& name) {
  ++changes_;
  if ((fail_at_ != 0 && changes_ == fail_at_) ||
      (!fail_on_.empty() && name.find(fail_on_) != std::string::npos)) {
    throw Error("injected failure: load module " + name);
  }
  inner_.load_module(name);
}

std::optional<HostKind> FsBackend::host_kind(const std::string& path) const {
  if (!configfs_) {
    return std::nullopt;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return HostKind::missing;
  }
  if (S_ISBLK(st.st_mode)) {
    return HostKind::block_device;
  }
  if (S_ISREG(st.st_mode)) {
    return HostKind::file;
  }
  return S_ISDIR(st.st_mode) ? HostKind::directory : HostKind::other;
}

std::optional<std::string> FsBackend::scsi_address(const std::string& dev) const {
  if (!configfs_) {
    return std::nullopt;
  }
  const auto name = dev.substr(dev.rfind('/') + 1);
  if (name.empty() || name == "." || name == "..") {
    return std::nullopt;
  }
  std::error_code ec;
  auto hctl =
      std::filesystem::canonical("/sys/class/block/" + name + "/device", ec).filename().string();
  if (ec || std::count(hctl.begin(), hctl.end(), ':') != 3) {
    return std::nullopt;
  }
  return hctl;
}

void FsBackend::load_module(const std::string& name) {
  if (!configfs_) {
    return;
  }
  if (name.empty() || name.front() == '-' ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
          std::string::npos) {
    throw Error("not a kernel module name: '" + name + "'");
  }
  const std::array<const char*, 4> argv = {"/sbin/modprobe", "-q", name.c_str(), nullptr};
  pid_t pid = 0;
  if (const int err =
          posix_spawn(&pid, argv[0], nullptr, nullptr, const_cast<char**>(argv.data()), environ);
      err != 0) {
    throw SysError("cannot run /sbin/modprobe for module " + name + ":", argv[0], err);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw SysError("cannot wait for modprobe of module " + name + ":", argv[0], errno);
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error("modprobe " + name + " failed (" +
                (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                   : std::string("killed")) +
                ")");
  }
}

}  // namespace qlat
