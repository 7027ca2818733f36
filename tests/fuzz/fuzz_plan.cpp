// Fuzz target: the plan (qlat::diff and qlat::apply) between two valid trees. The input is
// two saveconfig.json texts separated by a NUL byte (without one, the second tree is
// empty); inputs where either is invalid are skipped. With an in-memory stand-in for
// configfs (MemBackend, as FsBackend on a plain directory):
//   - the plan from an empty tree to a applies, and the tree reads back as a;
//   - diff(a, a) is empty, and so is the diff from the tree holding a to a;
//   - the plan from a to b applies to the tree holding a, and it reads back as b;
//   - every operation of a plan says what it does, what undoing it does, and its object.
// A qlat::Error from diff (a device the plan must look at and cannot) skips the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qlat/error.h"
#include "qlat/mem_backend.h"
#include "qlat/plan.h"
#include "qlat/reader.h"
#include "qlat/saveconfig.h"
#include "qlat/schema.h"
#include "qlat/wwn.h"
#include "testutil.h"

namespace {

using qlat::Config;

[[noreturn]] void fail(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_plan: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

/// A typed WWN in the form configfs names it: rtslib and the planner lowercase every typed
/// form (an IQN too), so `iqn.2003-01.org.example:Host` reads back as `...:host`; free text
/// keeps its case.
std::string canonical_wwn(const std::string& fabric, const std::string& wwn) {
  const auto w = qlat::Wwn::parse(wwn, qlat::Schema::builtin().fabric(fabric).wwn_types);
  return w ? w->str() : wwn;
}

/// What a plain directory cannot reproduce: values only the kernel derives (info files,
/// serials, ALUA membership), as admin-gui/tests/test_plan.cpp leaves them out; and WWNs
/// in the form configfs gives them back.
Config strip(Config c) {
  for (auto& so : c.storage_objects) {
    so.dev.reset();
    so.size.reset();
    so.wwn.reset();
    so.aio = so.readonly = so.nullio = false;
    std::erase_if(so.alua_tpgs,
                  [](const qlat::AluaTpg& g) { return g.name == "default_tg_pt_gp"; });
  }
  for (auto& t : c.targets) {
    t.wwn = canonical_wwn(t.fabric, t.wwn);
    for (auto& g : t.tpgs) {
      for (auto& l : g.luns) {
        l.alua_tg_pt_gp_name.reset();
      }
      for (auto& a : g.node_acls) {
        a.node_wwn = canonical_wwn(t.fabric, a.node_wwn);
      }
    }
  }
  return qlat::test::normalized(c);
}

/// Drops from `got` the keys `want` does not name: a plan sets the attributes, parameters
/// and settings a configuration names and leaves the others as they are.
template <typename M>
void keep_named(M& got, const M& want) {
  std::erase_if(got, [&want](const auto& kv) { return !want.contains(kv.first); });
}

template <typename V, typename K>
const V* match(const std::vector<V>& want, const V& got, K key) {
  for (const auto& w : want) {
    if (key(w) == key(got)) {
      return &w;
    }
  }
  return nullptr;
}

/// The read-back tree as far as `want` says anything about it.
Config named_only(Config got, const Config& want) {
  for (auto& so : got.storage_objects) {
    if (const auto* w = match(want.storage_objects, so, [](const auto& x) { return x.path(); })) {
      keep_named(so.attributes, w->attributes);
    }
  }
  for (auto& fm : got.fabric_modules) {
    if (const auto* w = match(want.fabric_modules, fm, [](const auto& x) { return x.name; })) {
      keep_named(fm.auth, w->auth);
    }
  }
  for (auto& t : got.targets) {
    const auto* wt = match(want.targets, t, [](const auto& x) { return x.fabric + " " + x.wwn; });
    if (wt == nullptr) {
      continue;
    }
    keep_named(t.attributes, wt->attributes);
    keep_named(t.parameters, wt->parameters);
    for (auto& g : t.tpgs) {
      const auto* wg = match(wt->tpgs, g, [](const auto& x) { return x.tag; });
      if (wg == nullptr) {
        continue;
      }
      keep_named(g.attributes, wg->attributes);
      keep_named(g.parameters, wg->parameters);
      keep_named(g.auth, wg->auth);
      // A LUN or mapped LUN without an alias gets one the plan makes up.
      for (auto& l : g.luns) {
        const auto* wl = match(wg->luns, l, [](const auto& x) { return x.index; });
        if (wl != nullptr && wl->alias.empty()) {
          l.alias.clear();
        }
      }
      for (auto& a : g.node_acls) {
        const auto* wa = match(wg->node_acls, a, [](const auto& x) { return x.node_wwn; });
        if (wa == nullptr) {
          continue;
        }
        keep_named(a.attributes, wa->attributes);
        keep_named(a.auth, wa->auth);
        for (auto& m : a.mapped_luns) {
          const auto* wm = match(wa->mapped_luns, m, [](const auto& x) { return x.index; });
          if (wm != nullptr && wm->alias.empty()) {
            m.alias.clear();
          }
        }
      }
    }
  }
  return got;
}

/// The live tree as configfs would show it after `was` was applied: what the in-memory
/// tree holds, with what only the kernel derives (what strip() drops) taken from `was`.
Config live(const qlat::MemBackend& mem, const Config& was) {
  auto c = qlat::read_tree(mem);
  for (auto& so : c.storage_objects) {
    const auto* w = match(was.storage_objects, so, [](const auto& x) { return x.path(); });
    if (w == nullptr) {
      continue;
    }
    so.dev = w->dev;
    so.size = w->size;
    so.wwn = w->wwn;
    so.aio = w->aio;
    so.readonly = w->readonly;
    so.nullio = w->nullio;
    for (const auto& g : w->alua_tpgs) {
      if (g.name == "default_tg_pt_gp") {
        so.alua_tpgs.push_back(g);
      }
    }
  }
  for (auto& t : c.targets) {
    const auto* wt = match(was.targets, t, [](const auto& x) {
      return x.fabric + " " + canonical_wwn(x.fabric, x.wwn);
    });
    for (auto& g : t.tpgs) {
      const auto* wg =
          wt == nullptr ? nullptr : match(wt->tpgs, g, [](const auto& x) { return x.tag; });
      for (auto& l : g.luns) {
        const auto* wl =
            wg == nullptr ? nullptr : match(wg->luns, l, [](const auto& x) { return x.index; });
        if (wl != nullptr) {
          l.alua_tg_pt_gp_name = wl->alua_tg_pt_gp_name;
        }
      }
    }
  }
  return c;
}

void check_ops(const qlat::Plan& plan) {
  for (const auto& op : plan.ops()) {
    if (op->preview().empty() || op->undo_preview().empty() || op->object().empty()) {
      fail("an operation without preview, undo preview or object", plan.text());
    }
  }
}

void apply_and_compare(qlat::Plan& plan, qlat::MemBackend& mem, const Config& want,
                       const char* what) {
  check_ops(plan);
  const auto r = qlat::apply(plan, mem);
  if (!r.ok) {
    fail(std::string("the plan ") + what + " failed at " + r.failed_object + ": " + r.error,
         plan.text());
  }
  const auto got = named_only(strip(qlat::read_tree(mem)), strip(want));
  if (!(got == strip(want))) {
    fail(std::string("the tree after the plan ") + what + " reads back otherwise",
         "plan:\n" + plan.text() + "read back:\n" + qlat::dump_config(got) + "wanted:\n" +
             qlat::dump_config(strip(want)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto nul = in.find('\0');
  Config a;
  Config b;
  try {
    a = qlat::parse_config(in.substr(0, nul), "a.json");
    if (nul != std::string_view::npos) {
      b = qlat::parse_config(in.substr(nul + 1), "b.json");
    }
  } catch (const qlat::ValidationError&) {
    return 0;
  }
  qlat::MemBackend mem;
  mem.make_dir("core");
  try {
    auto create = qlat::diff(qlat::read_tree(mem), a, mem);
    apply_and_compare(create, mem, a, "from an empty tree to a");
    const auto same = qlat::diff(a, a, mem);
    if (!same.empty()) {
      fail("diff(a, a) is not empty", same.text());
    }
    const auto now = live(mem, a);
    const auto again = qlat::diff(now, a, mem);
    if (!again.empty()) {
      fail("diff(tree holding a, a) is not empty", again.text());
    }
    auto change = qlat::diff(now, b, mem);
    apply_and_compare(change, mem, b, "from a to b");
  } catch (const qlat::ValidationError& e) {
    fail("diff of valid trees throws ValidationError", e.what());
  } catch (const qlat::SysError& e) {
    fail("diff throws SysError on an in-memory tree", e.what());
  } catch (const qlat::Error&) {
    return 0;
  }
  return 0;
}
