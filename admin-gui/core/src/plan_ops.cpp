#include "qlat/plan.h"

namespace qlat {

using nlohmann::json;

std::string Plan::text() const {
  std::string s;
  for (const auto& op : ops_) {
    s += op->preview();
    s += '\n';
  }
  return s;
}

json Plan::to_json() const {
  json a = json::array();
  for (const auto& op : ops_) {
    a.push_back(
        {{"object", op->object()}, {"preview", op->preview()}, {"undo", op->undo_preview()}});
  }
  return a;
}

ApplyResult apply(Plan& plan, Backend& cfs, const ProgressFn& progress) {
  ApplyResult r;
  auto& ops = plan.ops();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    try {
      ops[i]->execute(cfs);
    } catch (const std::exception& e) {
      r.ok = false;
      r.failed_at = i;
      r.failed_object = ops[i]->object();
      r.error = "cannot " + ops[i]->preview() + ": " + e.what();
      for (std::size_t j = i; j-- > 0;) {
        try {
          ops[j]->undo(cfs);
        } catch (const std::exception& ue) {
          r.rolled_back = false;
          r.rollback_errors.push_back("cannot " + ops[j]->undo_preview() + ": " + ue.what());
        }
        if (progress) {
          progress(j, ops.size());
        }
      }
      return r;
    }
    r.executed = i + 1;
    if (progress) {
      progress(i + 1, ops.size());
    }
  }
  return r;
}

}  // namespace qlat
