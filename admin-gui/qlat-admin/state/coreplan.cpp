#include "state/coreplan.h"

#include "qlat/error.h"
#include "qlat/plan.h"
#include "qlat/saveconfig.h"

namespace qlat::admin {

std::optional<qlat::Config> to_core(const Config& config, std::string* error) {
  try {
    return qlat::parse_config(nlohmann::json(config).dump(), "<qlat-admin>");
  } catch (const qlat::ValidationError& e) {
    if (error != nullptr) {
      *error = e.what();
    }
    return std::nullopt;
  }
}

std::optional<std::vector<std::string>> core_plan(const Config& live, const Config& desired,
                                                  const qlat::Backend& cfs, std::string* error) {
  const auto l = to_core(live, error);
  const auto d = l ? to_core(desired, error) : std::nullopt;
  if (!d) {
    return std::nullopt;
  }
  const auto plan = qlat::diff(*l, *d, cfs);
  std::vector<std::string> out;
  for (const auto& op : plan.ops()) {
    out.push_back(op->preview());
  }
  return out;
}

}  // namespace qlat::admin
