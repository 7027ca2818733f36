#include "qlat/reader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <span>

#include "qlat/error.h"
#include "qlat/wwn.h"

namespace qlat {

namespace {

using Kind = DirEntry::Kind;

std::string join_ws(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) {
        out += ' ';
        space = false;
      }
      out += c;
    }
  }
  return out;
}

/// Attributes (or parameters) of a group directory: files both readable and writable,
/// sorted by name, values read as rtslib does.
AttrMap read_attrs(const Backend& b, const std::string& dir) {
  AttrMap m;
  if (b.kind(dir) != Kind::dir) {
    return m;
  }
  for (const auto& e : b.list(dir)) {
    if (e.kind != Kind::file) {
      continue;
    }
    const auto p = dir + "/" + e.name;
    if (!b.writable_and_readable(p)) {
      continue;
    }
    m[e.name] = attr_from_text(b.read(p));
  }
  return m;
}

ParamMap read_params(const Backend& b, const std::string& dir) {
  ParamMap m;
  for (const auto& [k, v] : read_attrs(b, dir)) {
    m[k] = attr_to_text(v);
  }
  return m;
}

std::optional<std::string> read_opt(const Backend& b, const std::string& p) {
  if (b.kind(p) != Kind::file) {
    return std::nullopt;
  }
  try {
    return b.read(p);
  } catch (const SysError&) {
    return std::nullopt;
  }
}

AuthMap read_auth(const Backend& b, const std::string& dir, const std::string& prefix) {
  AuthMap a;
  static const std::array<std::pair<const char*, const char*>, 4> keys = {
      {{"userid", "userid"},
       {"password", "password"},
       {"userid_mutual", "mutual_userid"},
       {"password_mutual", "mutual_password"}}};
  for (const auto& [file, key] : keys) {
    auto v = read_opt(b, dir + "/" + file);
    if (v && !v->empty() && *v != "NULL") {
      a[prefix + key] = *v;
    }
  }
  return a;
}

std::int64_t to_int(const std::string& s, const std::string& where) {
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    throw Error("unexpected value '" + s + "' in " + where);
  }
}

std::uint64_t blockdev_bytes(const std::string& dev) {
  // /sys/class/block/<name>/size is in 512-byte sectors.
  const auto slash = dev.rfind('/');
  const auto name = dev.substr(slash == std::string::npos ? 0 : slash + 1);
  std::ifstream f("/sys/class/block/" + name + "/size");
  std::uint64_t sectors = 0;
  f >> sectors;
  return sectors * 512;
}

bool is_blockdev(const std::string& dev) {
  return dev.starts_with("/dev/") &&
         std::ifstream("/sys/class/block/" + dev.substr(dev.rfind('/') + 1) + "/size").good();
}

constexpr std::array<const char*, 4> kAccessTypes = {"None", "Implicit", "Explicit",
                                                     "Implicit and Explicit"};
constexpr std::array<const char*, 3> kAccessStatus = {"None", "Altered by Explicit STPG",
                                                      "Altered by Implicit ALUA"};

std::int64_t index_of(std::span<const char* const> names, const std::string& v) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (v == names[i]) {
      return static_cast<std::int64_t>(i);
    }
  }
  return to_int(v, "ALUA group");
}

AluaTpg read_alua(const Backend& b, const Schema& schema, const std::string& dir,
                  const std::string& name) {
  AluaTpg g;
  g.name = name;
  g.tg_pt_gp_id = to_int(b.read(dir + "/tg_pt_gp_id"), dir);
  for (const auto& spec : schema.alua_tg_pt_gp()) {
    if (spec.access != Access::rw || spec.name == "tg_pt_gp_id") {
      continue;
    }
    const auto p = dir + "/" + spec.name;
    auto v = read_opt(b, p);
    if (!v) {
      continue;
    }
    if (spec.name == "alua_access_type") {
      g.values[spec.name] = index_of(kAccessTypes, *v);
    } else if (spec.name == "alua_access_status") {
      g.values[spec.name] = index_of(kAccessStatus, *v);
    } else {
      g.values[spec.name] = to_int(*v, p);
    }
  }
  return g;
}

StorageObject read_so(const Backend& b, const Schema& schema, const BackstoreSpec& bs,
                      const std::string& dir, const std::string& name) {
  StorageObject so;
  so.plugin = bs.plugin;
  so.name = name;
  so.attributes = read_attrs(b, dir + "/attrib");
  const auto info = read_opt(b, dir + "/info").value_or("");
  auto wwn = [&]() -> std::optional<std::string> {
    auto v = read_opt(b, dir + "/wwn/vpd_unit_serial");
    if (!v) {
      return std::nullopt;
    }
    const auto colon = v->find(':');
    return colon == std::string::npos ? std::string() : join_ws(v->substr(colon + 1));
  };
  auto udev = read_opt(b, dir + "/udev_path").value_or("");
  auto wb = [&]() {
    auto it = so.attributes.find("emulate_write_cache");
    return it != so.attributes.end() && attr_to_text(it->second) != "0";
  };
  if (bs.plugin == "fileio") {
    so.write_back = wb();
    so.wwn = wwn();
    so.dev = udev.empty() ? parse_info(info, "File") : udev;
    if (is_blockdev(*so.dev)) {
      so.size = blockdev_bytes(*so.dev);
    } else {
      const auto s = parse_info(info, "Size");
      so.size = s.empty() ? 0 : static_cast<std::uint64_t>(to_int(s, dir + "/info"));
    }
    so.aio = parse_info(info, "Async") == "1";
  } else if (bs.plugin == "block") {
    so.write_back = wb();
    so.readonly = parse_info(info, "readonly") == "1";
    so.wwn = wwn();
    so.dev = udev;
  } else if (bs.plugin == "ramdisk") {
    so.wwn = wwn();
    const auto pages = parse_info(info, "PAGES/PAGE_SIZE");
    const auto star = pages.find('*');
    if (star != std::string::npos) {
      so.size = static_cast<std::uint64_t>(to_int(pages.substr(0, star), dir + "/info") *
                                           to_int(pages.substr(star + 1), dir + "/info"));
    }
    so.nullio = parse_info(info, "nullio") == "1";
  } else if (bs.plugin == "pscsi") {
    so.dev = udev;
  } else if (bs.plugin == "user") {
    so.wwn = wwn();
    const auto s = parse_info(info, "Size");
    so.size = s.empty() ? 0 : static_cast<std::uint64_t>(to_int(s, dir + "/info"));
    const auto c = parse_info(info, "Config");
    if (!c.empty() && c != "NULL") {
      so.config = c;
    }
    const auto h = parse_info(info, "HwMaxSectors");
    so.hw_max_sectors = h.empty() ? 0 : static_cast<std::uint64_t>(to_int(h, dir + "/info"));
    std::string control;
    auto add = [&](const std::string& kv) { control += (control.empty() ? "" : ",") + kv; };
    if (auto v = parse_info(info, "MaxDataAreaMB"); !v.empty() && v != "NULL") {
      add("max_data_area_mb=" + v);
    }
    if (auto it = so.attributes.find("hw_block_size"); it != so.attributes.end()) {
      add("hw_block_size=" + attr_to_text(it->second));
    } else if (auto v = read_opt(b, dir + "/attrib/hw_block_size"); v && *v != "NULL") {
      add("hw_block_size=" + *v);
    }
    if (auto v = parse_info(info, "DataPagesPerBlk"); !v.empty() && v != "NULL") {
      add("data_pages_per_blk=" + v);
    }
    so.control = control;
  }
  if (bs.alua && b.kind(dir + "/alua") == Kind::dir) {
    for (const auto& e : b.list(dir + "/alua")) {
      if (e.kind == Kind::dir) {
        so.alua_tpgs.push_back(read_alua(b, schema, dir + "/alua/" + e.name, e.name));
      }
    }
  }
  return so;
}

/// "core/fileio_0/disk0" -> "/backstores/fileio/disk0"
std::string so_ref_from_path(const Schema& schema, const std::string& rel) {
  // rel: core/<prefix>_<index>/<name>
  const auto a = rel.find('/');
  const auto b = rel.find('/', a + 1);
  if (a == std::string::npos || b == std::string::npos || rel.substr(0, a) != "core") {
    throw Error("LUN link does not point at a storage object: " + rel);
  }
  const auto hba = rel.substr(a + 1, b - a - 1);
  const auto us = hba.rfind('_');
  const auto* bs = schema.backstore_by_dir(hba.substr(0, us));
  if (bs == nullptr) {
    throw Error("unknown backstore type in " + rel);
  }
  return "/backstores/" + bs->plugin + "/" + rel.substr(b + 1);
}

std::string first_link(const Backend& b, const std::string& dir) {
  for (const auto& e : b.list(dir)) {
    if (e.kind == Kind::link) {
      return e.name;
    }
  }
  throw Error("broken LUN in configfs, no link in " + b.where() + "/" + dir);
}

std::string wwn_from_dir(const FabricSpec& f, const std::string& dir) {
  if (f.wwn_dir_form == "colon") {
    std::string hex;
    for (char c : dir) {
      if (c != ':') {
        hex += c;
      }
    }
    return "naa." + hex;
  }
  if (f.wwn_dir_form == "npiv") {
    if (auto w = Wwn::parse(dir, {Wwn::Type::npiv})) {
      return w->str();
    }
  }
  return dir;
}

std::uint32_t suffix_index(const std::string& name, const std::string& where) {
  const auto us = name.rfind('_');
  return static_cast<std::uint32_t>(to_int(name.substr(us + 1), where));
}

/// Counts node ACLs read for a ReadProgress.
struct AclCount {
  const ReadProgress* fn = nullptr;
  std::size_t done = 0;
  std::size_t total = 0;
  void step() {
    ++done;
    if (fn != nullptr && *fn) {
      (*fn)(done, total);
    }
  }
};

/// The directories in `dir` whose names start with `prefix`, in listing order; none when
/// `dir` is not a directory.
std::vector<std::string> subdirs(const Backend& b, const std::string& dir,
                                 std::string_view prefix = {}) {
  std::vector<std::string> out;
  if (b.kind(dir) == Kind::dir) {
    for (const auto& e : b.list(dir)) {
      if (e.kind == Kind::dir && e.name.starts_with(prefix)) {
        out.push_back(e.name);
      }
    }
  }
  return out;
}

/// The target directories of fabric `f`, without its own non-target directories (iscsi's
/// discovery_auth).
std::vector<std::string> target_dirs(const Backend& b, const Schema& schema, const FabricSpec& f) {
  auto out = subdirs(b, f.dir);
  const auto& ex = schema.target_dir_excludes();
  std::erase_if(
      out, [&](const std::string& n) { return std::find(ex.begin(), ex.end(), n) != ex.end(); });
  return out;
}

/// The node ACLs under every target of `fabric` (listings only), for the progress total.
std::size_t count_acls(const Backend& b, const Schema& schema, const std::string& fabric) {
  const auto f = schema.fabric(fabric);
  if (!f.has("acls")) {
    return 0;
  }
  std::size_t n = 0;
  for (const auto& t : target_dirs(b, schema, f)) {
    const auto tdir = f.dir + "/" + t;
    for (const auto& g : subdirs(b, tdir, "tpgt")) {
      n += subdirs(b, tdir + "/" + g + "/acls").size();
    }
  }
  return n;
}

Tpg read_tpg(const Backend& b, const Schema& schema, const FabricSpec& f, const std::string& dir,
             unsigned tag, AclCount& count) {
  Tpg tpg;
  tpg.tag = tag;
  tpg.attributes = read_attrs(b, dir + "/attrib");
  tpg.parameters = read_params(b, dir + "/param");
  if (auto en = read_opt(b, dir + "/enable")) {
    tpg.enable = en != "0";
  }
  if (b.kind(dir + "/lun") == Kind::dir) {
    for (const auto& e : b.list(dir + "/lun")) {
      if (e.kind != Kind::dir || !e.name.starts_with("lun_")) {
        continue;
      }
      const auto ldir = dir + "/lun/" + e.name;
      Lun lun;
      lun.index = suffix_index(e.name, ldir);
      lun.alias = first_link(b, ldir);
      const auto so_rel = b.resolve_link(ldir + "/" + lun.alias);
      lun.storage_object = so_ref_from_path(schema, so_rel);
      const auto plugin = lun.storage_object.substr(12, lun.storage_object.find('/', 12) - 12);
      const auto* bs = schema.backstore(plugin);
      if (bs != nullptr && bs->alua) {
        if (auto g = read_opt(b, ldir + "/alua_tg_pt_gp"); g && !g->empty()) {
          const auto line = g->substr(0, g->find('\n'));
          const auto colon = line.find(':');
          if (colon != std::string::npos) {
            lun.alua_tg_pt_gp_name = join_ws(line.substr(colon + 1));
          }
        }
      }
      tpg.luns.push_back(std::move(lun));
    }
  }
  if (f.has("nps") && b.kind(dir + "/np") == Kind::dir) {
    for (const auto& e : b.list(dir + "/np")) {
      if (e.kind != Kind::dir) {
        continue;
      }
      Portal p;
      const auto colon = e.name.rfind(':');
      p.ip_address = e.name.substr(0, colon);
      p.port = static_cast<std::uint32_t>(to_int(e.name.substr(colon + 1), dir + "/np"));
      const auto np = dir + "/np/" + e.name;
      p.iser = read_opt(b, np + "/iser").value_or("0") == "1";
      p.offload = read_opt(b, np + "/cxgbit").value_or("0") == "1";
      tpg.portals.push_back(std::move(p));
    }
  }
  if (f.has("acls") && b.kind(dir + "/acls") == Kind::dir) {
    for (const auto& e : b.list(dir + "/acls")) {
      if (e.kind != Kind::dir) {
        continue;
      }
      const auto adir = dir + "/acls/" + e.name;
      NodeAcl acl;
      acl.node_wwn = wwn_from_dir(f, e.name);
      acl.attributes = read_attrs(b, adir + "/attrib");
      for (const auto& m : b.list(adir)) {
        if (m.kind != Kind::dir || !m.name.starts_with("lun_")) {
          continue;
        }
        const auto mdir = adir + "/" + m.name;
        MappedLun ml;
        ml.index = suffix_index(m.name, mdir);
        try {  // (one open/read, no stat: this runs once per mapped LUN)
          ml.write_protect = b.read(mdir + "/write_protect") != "0";
        } catch (const SysError&) {
          ml.write_protect = false;  // only a plain directory in tests lacks the file
        }
        ml.alias = first_link(b, mdir);
        const auto lun_rel = b.resolve_link(mdir + "/" + ml.alias);
        ml.tpg_lun = suffix_index(lun_rel, mdir);
        acl.mapped_luns.push_back(std::move(ml));
      }
      if (auto t = read_opt(b, adir + "/tag"); t && !t->empty()) {
        acl.tag = *t;
      }
      if (f.has("auth")) {
        acl.auth = read_auth(b, adir + "/auth", "chap_");
      }
      tpg.node_acls.push_back(std::move(acl));
      count.step();
    }
  }
  if (f.has("auth")) {
    tpg.auth = read_auth(b, dir + "/auth", "chap_");
  }
  return tpg;
}

void read_targets(const Backend& b, const Schema& schema, const std::string& fabric, Config& out,
                  AclCount& count) {
  const auto f = schema.fabric(fabric);
  for (const auto& name : target_dirs(b, schema, f)) {
    Target t;
    t.fabric = fabric;
    t.wwn = wwn_from_dir(f, name);
    const auto tdir = f.dir + "/" + name;
    t.attributes = read_attrs(b, tdir + "/attrib");
    t.parameters = read_params(b, tdir + "/param");
    for (const auto& g : subdirs(b, tdir, "tpgt")) {
      const auto tag = suffix_index(g, tdir);
      t.tpgs.push_back(read_tpg(b, schema, f, tdir + "/" + g, tag, count));
    }
    out.targets.push_back(std::move(t));
  }
}

}  // namespace

std::string parse_info(std::string_view info, std::string_view key) {
  const auto text = join_ws(info);
  const std::string k = std::string(key) + ": ";
  auto pos = text.rfind(k);
  while (pos != std::string::npos) {
    const auto start = pos + k.size();
    std::size_t end = start;
    while (end < text.size() && text[end] != ':' && text[end] != ' ') {
      ++end;
    }
    if (end > start) {
      return text.substr(start, end - start);
    }
    if (pos == 0) {
      break;
    }
    pos = text.rfind(k, pos - 1);
  }
  return {};
}

namespace {

/// The fabrics with a directory in the tree: rtslib's, in its order, then any other.
std::vector<std::string> fabrics_present(const Backend& b, const Schema& schema) {
  std::vector<std::string> fabrics;
  std::vector<std::string> seen;
  for (const auto& name : schema.fabric_order()) {
    const auto dir = schema.fabric_dir(name);
    if (b.kind(dir) == Kind::dir) {
      fabrics.push_back(name);
      seen.push_back(dir);
    }
  }
  for (const auto& e : b.list("")) {
    if (e.kind == Kind::dir && e.name != "core" &&
        std::find(seen.begin(), seen.end(), e.name) == seen.end()) {
      fabrics.push_back(schema.fabric_name_for_dir(e.name));
    }
  }
  return fabrics;
}

}  // namespace

Config read_tree(const Backend& b, const Schema& schema, const ReadProgress& progress) {
  Config c;
  AclCount count{&progress};
  if (b.kind("core") == Kind::dir) {
    for (const auto& hba : b.list("core")) {
      const auto us = hba.name.rfind('_');
      if (hba.kind != Kind::dir || us == std::string::npos || us == 0) {
        continue;
      }
      const auto* bs = schema.backstore_by_dir(hba.name.substr(0, us));
      if (bs == nullptr) {
        continue;
      }
      const auto hdir = "core/" + hba.name;
      for (const auto& so : b.list(hdir)) {
        if (so.kind == Kind::dir) {
          c.storage_objects.push_back(read_so(b, schema, *bs, hdir + "/" + so.name, so.name));
        }
      }
    }
  }
  const auto fabrics = fabrics_present(b, schema);
  if (progress) {
    for (const auto& name : fabrics) {
      count.total += count_acls(b, schema, name);
    }
    progress(0, count.total);
  }
  for (const auto& name : fabrics) {
    read_targets(b, schema, name, c, count);
  }
  if (b.kind("iscsi/discovery_auth") == Kind::dir) {
    const auto en = read_opt(b, "iscsi/discovery_auth/enforce_discovery_auth");
    if (en && *en == "1") {
      FabricModule fm;
      fm.name = "iscsi";
      fm.discovery_enable_auth = true;
      fm.auth = read_auth(b, "iscsi/discovery_auth", "discovery_");
      c.fabric_modules.push_back(std::move(fm));
    }
  }
  return c;
}

std::vector<AclLocation> list_acls(const Backend& b, const Schema& schema) {
  std::vector<AclLocation> out;
  for (const auto& fabric : fabrics_present(b, schema)) {
    const auto f = schema.fabric(fabric);
    if (!f.has("acls")) {
      continue;
    }
    for (const auto& t : target_dirs(b, schema, f)) {
      const auto tdir = f.dir + "/" + t;
      for (const auto& g : subdirs(b, tdir, "tpgt")) {
        const auto adir = tdir + "/" + g + "/acls";
        for (const auto& a : subdirs(b, adir)) {
          out.push_back({fabric, wwn_from_dir(f, t), suffix_index(g, tdir), wwn_from_dir(f, a),
                         adir + "/" + a});
        }
      }
    }
  }
  return out;
}

std::vector<TargetSummary> list_targets(const Backend& b, const Schema& schema) {
  std::vector<TargetSummary> out;
  for (const auto& fabric : fabrics_present(b, schema)) {
    const auto f = schema.fabric(fabric);
    for (const auto& t : target_dirs(b, schema, f)) {
      TargetSummary target{fabric, wwn_from_dir(f, t), {}};
      const auto tdir = f.dir + "/" + t;
      for (const auto& g : subdirs(b, tdir, "tpgt")) {
        const auto gdir = tdir + "/" + g;
        TpgSummary s;
        s.tag = suffix_index(g, tdir);
        // As read_tree: a TPG without an enable file (loopback) counts as enabled.
        s.enable = read_opt(b, gdir + "/enable").value_or("1") != "0";
        s.luns = subdirs(b, gdir + "/lun", "lun_").size();
        s.acls = f.has("acls") ? subdirs(b, gdir + "/acls").size() : 0;
        target.tpgs.push_back(s);
      }
      out.push_back(std::move(target));
    }
  }
  return out;
}

namespace cfs_path {

std::string target(const Schema& schema, const std::string& fabric, const std::string& wwn) {
  const auto f = schema.fabric(fabric);
  std::string dir = wwn;
  if (auto w = Wwn::parse(wwn, f.wwn_types)) {
    dir = w->dir_name(f.wwn_dir_form);
  }
  return f.dir + "/" + dir;
}

std::string tpg(const Schema& schema, const std::string& fabric, const std::string& wwn,
                unsigned tag) {
  return target(schema, fabric, wwn) + "/tpgt_" + std::to_string(tag);
}

std::string acl_dir(const Schema& schema, const std::string& fabric, const std::string& node_wwn) {
  const auto f = schema.fabric(fabric);
  if (auto w = Wwn::parse(node_wwn, f.wwn_types)) {
    return w->dir_name(f.wwn_dir_form);
  }
  return node_wwn;
}

}  // namespace cfs_path

}  // namespace qlat
