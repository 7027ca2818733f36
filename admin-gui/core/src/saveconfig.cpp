#include "qlat/saveconfig.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "qlat/error.h"
#include "qlat/validate.h"

namespace qlat {

using nlohmann::json;
namespace fs = std::filesystem;

std::string default_save_file() {
  if (fs::is_directory(fs::path(kDefaultSaveFile).parent_path()) ||
      !fs::exists(kFallbackSaveFile)) {
    return kDefaultSaveFile;
  }
  return kFallbackSaveFile;
}

Config parse_config(std::string_view text, const std::string& file, const Schema& schema) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    // parse_error, and out_of_range for a number beyond a double (1e400)
    throw ValidationError({{file, "", std::string("not valid JSON: ") + e.what()}});
  }
  auto problems = schema.check_structure(doc, file);
  if (!problems.empty()) {
    throw ValidationError(std::move(problems));
  }
  Config c;
  try {
    c = doc.get<Config>();
  } catch (const json::exception& e) {
    throw ValidationError({{file, "", e.what()}});
  }
  validate_or_throw(c, file, schema);
  return c;
}

Config load_config_file(const std::string& path, const Schema& schema) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw SysError("cannot open", path, errno);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path, schema);
}

std::string dump_config(const Config& config) {
  const json j = config;
  // nlohmann's objects are sorted by key; with indent 2 and ASCII escaping this is the
  // text of Python's json.dumps(sort_keys=True, indent=2).
  return j.dump(2, ' ', true) + "\n";
}

namespace {

void write_all(int fd, const std::string& data, const std::string& path) {
  std::size_t off = 0;
  while (off < data.size()) {
    const auto n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw SysError("cannot write", path, errno);
    }
    off += static_cast<std::size_t>(n);
  }
}

std::string read_gz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) {
    return {};
  }
  std::string out;
  std::array<char, 8192> buf{};
  int n = 0;
  while ((n = gzread(f, buf.data(), buf.size())) > 0) {
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
  gzclose(f);
  return out;
}

std::string read_plain(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void backup_previous(const std::string& path, unsigned max_files) {
  if (!fs::exists(path)) {
    return;
  }
  const auto dir = fs::path(path).parent_path() / "backup";
  fs::create_directories(dir);
  std::vector<std::string> backups;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto n = e.path().filename().string();
    if (n.starts_with("saveconfig-") && n.find("json") != std::string::npos) {
      backups.push_back(e.path().string());
    }
  }
  std::sort(backups.begin(), backups.end());
  const auto current = read_plain(path);
  if (!backups.empty()) {
    const auto& last = backups.back();
    const auto prev = last.ends_with(".gz") ? read_gz(last) : read_plain(last);
    if (prev == current) {
      return;
    }
  }
  const auto now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::array<char, 32> stamp{};
  std::strftime(stamp.data(), stamp.size(), "%Y%m%d-%H:%M:%S", &tm);
  const auto name = (dir / (std::string("saveconfig-") + stamp.data() + "-json.gz")).string();
  const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw SysError("cannot create backup", name, errno);
  }
  gzFile gz = gzdopen(fd, "wb9");
  if (gz == nullptr || gzwrite(gz, current.data(), static_cast<unsigned>(current.size())) !=
                           static_cast<int>(current.size())) {
    if (gz != nullptr) {
      gzclose(gz);
    } else {
      ::close(fd);
    }
    throw SysError("cannot write backup", name, EIO);
  }
  if (gzclose(gz) != Z_OK) {
    throw SysError("cannot write backup", name, EIO);
  }
  backups.push_back(name);
  std::sort(backups.begin(), backups.end());
  while (max_files > 0 && backups.size() > max_files) {
    fs::remove(backups.front());
    backups.erase(backups.begin());
  }
}

}  // namespace

void save_config_file(const Config& config, const std::string& path, const SaveOptions& opt) {
  const auto text = dump_config(config);
  const auto dir = fs::path(path).parent_path();
  if (!dir.empty()) {
    fs::create_directories(dir);
  }
  if (opt.backup) {
    backup_previous(path, opt.max_backup_files);
  }
  const auto tmp = path + ".temp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw SysError("cannot create", tmp, errno);
  }
  try {
    write_all(fd, text, tmp);
    if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0) {
      throw SysError("cannot sync", tmp, errno);
    }
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw SysError("cannot rename " + tmp + " to", path, err);
  }
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace qlat
