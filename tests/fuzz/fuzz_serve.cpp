// Fuzz target: the request handler of `qlatctl serve` (qlatctl::ServeHandler), as
// qlat-admin talks to it. The input is a session: up to 16 request lines, answered in order
// by one handler over an in-memory configfs (MemBackend) and a small stand-in sysfs in a
// temporary directory (one qla2xxx port, host3, naa.21000024ff000001, role target), so
// nothing touches the machine. `@digest` in a line is replaced by the live tree's digest
// before it is answered, so that protocol 3's plan and apply get past their `base`.
// For every line that is not empty:
//   - the answer is one JSON object with the request's id (null when there is none), a
//     boolean ok, a result when ok, else an error with a documented code and a message;
//   - an answer of invalid input (bad_json, bad_request, unknown_method, invalid_config,
//     stale) did nothing: no configfs change, not even one undone, and no module loaded.
// Anything else (a crash, a sanitizer report, an exception out of the handler) is a
// finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qlat/error.h"
#include "qlat/mem_backend.h"
#include "qlat/reader.h"
#include "qlat/rebase.h"
#include "serve_handler.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxLines = 16;

[[noreturn]] void fail(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_serve: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

/// The stand-in sysfs, made once per process: the layout test_qlatctl's fake port has.
struct Sysfs {
  Sysfs() {
    std::string tmpl = (fs::temp_directory_path() / "qlat-fuzz-serve.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      fail("mkdtemp", tmpl);
    }
    root = tmpl;
    const auto sys = root / "sys";
    const auto dev = sys / "devices/pci0000:00/0000:00:04.0";
    fs::create_directories(dev / "host3/fc_host/host3");
    fs::create_directories(sys / "bus/pci/drivers/qla2xxx");
    fs::create_directory_symlink(sys / "bus/pci/drivers/qla2xxx", dev / "driver");
    std::ofstream(dev / "host3/fc_host/host3/port_name") << "0x21000024ff000001\n";
    std::ofstream(dev / "host3/fc_host/host3/node_name") << "0x20000024ff000001\n";
    std::ofstream(dev / "host3/fc_host/host3/port_state") << "Online\n";
    std::ofstream(dev / "host3/fc_host/host3/speed") << "8 Gbit\n";
    fs::create_directories(sys / "class/fc_host");
    fs::create_directory_symlink(dev / "host3/fc_host/host3", sys / "class/fc_host/host3");
    fs::create_directories(sys / "class/scsi_host/host3");
    const auto rport = sys / "class/fc_remote_ports/rport-3:0-0";
    fs::create_directories(rport);
    std::ofstream(rport / "port_name") << "0x21000024ff000002\n";
    std::ofstream(rport / "port_id") << "0x010200\n";
    std::ofstream(rport / "roles") << "FCP Initiator\n";
    std::ofstream(rport / "port_state") << "Online\n";
    g.configfs = "memory";
    g.sysfs = sys.string();
    save_file = (root / "saveconfig.json").string();
  }
  ~Sysfs() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Sysfs(const Sysfs&) = delete;
  Sysfs& operator=(const Sysfs&) = delete;

  /// Each session starts with the port in role target (set_port_role may change it).
  void reset() const {
    std::ofstream(fs::path(g.sysfs) / "class/scsi_host/host3/role") << "target\n";
  }

  fs::path root;
  qlatctl::Global g;
  std::string save_file;
};

const Sysfs& sysfs() {
  static const Sysfs s;
  return s;
}

/// `@digest` in a request line replaced by the live tree's digest (left when the tree
/// cannot be read).
void put_digest(std::string& line, const qlat::Backend& cfs) {
  constexpr std::string_view mark = "@digest";
  if (line.find(mark) == std::string::npos) {
    return;
  }
  std::string d;
  try {
    d = qlat::digest(qlat::read_tree(cfs));
  } catch (const qlat::Error&) {
    return;
  }
  for (std::size_t at = 0; (at = line.find(mark, at)) != std::string::npos; at += d.size()) {
    line.replace(at, mark.size(), d);
  }
}

void check_answer(const std::string& request, const std::string& answer, bool changed) {
  static const std::set<std::string> codes = {"bad_json",       "bad_request", "unknown_method",
                                              "invalid_config", "not_found",   "ports_missing",
                                              "stale",          "failed"};
  static const std::set<std::string> invalid_input = {"bad_json", "bad_request", "unknown_method",
                                                      "invalid_config", "stale"};
  json a;
  try {
    a = json::parse(answer);
  } catch (const json::exception& e) {
    fail("the answer is not JSON", request + "\n" + answer);
  }
  if (!a.is_object() || !a.contains("id") || !a.contains("ok") || !a.at("ok").is_boolean()) {
    fail("the answer has no id or ok", request + "\n" + answer);
  }
  // The id is echoed back when the request was an object with one.
  const auto req = json::parse(request, nullptr, false);
  const json id = req.is_object() && req.contains("id") ? req.at("id") : json(nullptr);
  if (a.at("id") != id) {
    fail("the answer has another id", request + "\n" + answer);
  }
  if (a.at("ok").get<bool>()) {
    if (!a.contains("result")) {
      fail("a success without a result", request + "\n" + answer);
    }
    return;
  }
  if (!a.contains("error") || !a.at("error").is_object() || !a.at("error").contains("code") ||
      !a.at("error").at("code").is_string() || !a.at("error").contains("message") ||
      !a.at("error").at("message").is_string()) {
    fail("a failure without an error code and message", request + "\n" + answer);
  }
  const auto code = a.at("error").at("code").get<std::string>();
  if (codes.count(code) == 0) {
    fail("an undocumented error code", request + "\n" + answer);
  }
  if (changed && invalid_input.count(code) != 0) {
    fail("invalid input (" + code + ") changed something", request + "\n" + answer);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& sys = sysfs();
  sys.reset();
  qlat::MemBackend cfs;
  qlatctl::ServeHandler handler(sys.g, cfs, sys.save_file);
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (std::size_t n = 0; n < kMaxLines && !in.empty(); ++n) {
    const auto eol = in.find('\n');
    std::string line(in.substr(0, eol));
    in.remove_prefix(eol == std::string_view::npos ? in.size() : eol + 1);
    put_digest(line, cfs);
    const auto before = cfs.changes();
    std::string answer;
    try {
      answer = handler.answer(line);
    } catch (const std::exception& e) {
      fail(std::string("an exception out of the handler: ") + e.what(), line);
    }
    if (line.empty()) {
      if (!answer.empty()) {
        fail("an answer to an empty line", answer);
      }
      continue;
    }
    check_answer(line, answer, cfs.changes() != before);
  }
  return 0;
}
