#include "common.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "qlat/ports.h"

namespace qlatctl {

bool interactive() {
  return ::isatty(STDERR_FILENO) == 1;
}

qlat::ProgressFn progress_line(const std::string& what) {
  if (!interactive()) {
    return {};
  }
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [what, last](std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - *last < std::chrono::milliseconds(100)) {
      return;
    }
    *last = now;
    std::cerr << "\r" << what << " " << done << "/" << total << std::flush;
    if (done == total) {
      std::cerr << "\n";
    }
  };
}

void print_error(const std::string& message) {
  std::size_t start = 0;
  while (start < message.size()) {
    auto end = message.find('\n', start);
    if (end == std::string::npos) {
      end = message.size();
    }
    std::cerr << "qlatctl: " << message.substr(start, end - start) << "\n";
    start = end + 1;
  }
}

namespace {

/// Why the port `wwn` cannot hold a qla2xxx target, or nothing when it can.
std::optional<std::string> not_ready(const std::vector<qlat::FcPort>& ports,
                                     const std::string& wwn) {
  const auto p = std::find_if(ports.begin(), ports.end(),
                              [&wwn](const qlat::FcPort& q) { return q.wwn == wwn; });
  if (p == ports.end()) {
    return "not present";
  }
  if (p->role.empty() || p->role == "target" || p->role == "both") {
    return std::nullopt;
  }
  return "present as " + p->host + ", role " + p->role;
}

}  // namespace

std::vector<PortNotReady> wait_for_ports(const qlat::Config& config, const Global& g,
                                         double seconds) {
  const auto needed = qlat::needed_fc_ports(config);
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    std::vector<PortNotReady> waiting;
    const auto ports = qlat::list_fc_ports(g.sysfs);
    for (const auto& w : needed) {
      if (auto why = not_ready(ports, w)) {
        waiting.push_back({w, std::move(*why)});
      }
    }
    const auto waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (waiting.empty() || waited >= seconds) {
      if (!needed.empty() && interactive()) {
        std::cerr << "\r\33[KFC ports ready for a target: " << needed.size() - waiting.size() << "/"
                  << needed.size() << "\n";
      }
      return waiting;
    }
    if (interactive()) {
      std::cerr << "\r\33[Kwaiting for FC ports: " << needed.size() - waiting.size() << "/"
                << needed.size() << " ready, " << static_cast<int>(waited) << "s/"
                << static_cast<int>(seconds) << "s; " << describe(waiting, "; ") << std::flush;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

std::string describe(const std::vector<PortNotReady>& ports, const std::string& separator) {
  std::string s;
  for (const auto& p : ports) {
    s += (s.empty() ? "" : separator) + p.wwn + ": " + p.state;
  }
  return s;
}

void print_plan(const qlat::Plan& plan, bool json) {
  if (json) {
    std::cout << plan.to_json().dump() << "\n";
  } else {
    std::cout << plan.text();
  }
}

qlat::serve::ApplyOutcome apply_outcome(const qlat::ApplyResult& r, std::size_t total) {
  qlat::serve::ApplyOutcome out;
  out.ok = r.ok;
  out.operations = total;
  out.executed = r.executed;
  if (!r.ok) {
    out.failed_object = r.failed_object;
    out.error = r.error;
    out.rolled_back = r.rolled_back;
    out.rollback_errors = r.rollback_errors;
  }
  return out;
}

int report_apply(const qlat::ApplyResult& r, std::size_t total, bool json) {
  if (json) {
    std::cout << nlohmann::json(apply_outcome(r, total)).dump() << "\n";
  }
  if (r.ok) {
    return kOk;
  }
  print_error("failed on " + r.failed_object + ": " + r.error);
  if (r.rolled_back) {
    print_error("rolled back: the configuration is as it was before");
  } else {
    for (const auto& e : r.rollback_errors) {
      print_error("rollback: " + e);
    }
    print_error("rollback incomplete: check the configuration with 'qlatctl show'");
  }
  return kFailed;
}

}  // namespace qlatctl
